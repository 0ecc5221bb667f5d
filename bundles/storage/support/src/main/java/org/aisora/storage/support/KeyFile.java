package org.aisora.storage.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An owner's data key as stored: wrapped with AES-256-GCM under the master key.
 * <pre>
 * magic "AIKF" | version 1 | master key fingerprint (8) | data key id (16) | nonce (12) | wrapped key (32) + tag (16)
 * </pre>
 * Everything before the nonce, and the owner id, are authenticated, so a key file copied to another owner's
 * name, or edited, does not unwrap.
 */
public final class KeyFile {
    public static final int LENGTH = 4 + 1 + MasterKey.FINGERPRINT_LENGTH + DataKey.ID_LENGTH + 12 + DataKey.LENGTH + 16;
    private static final byte[] MAGIC = {'A', 'I', 'K', 'F'};
    private static final byte VERSION = 1;
    private static final int FINGERPRINT_OFFSET = MAGIC.length + 1;
    private static final int ID_OFFSET = FINGERPRINT_OFFSET + MasterKey.FINGERPRINT_LENGTH;
    private static final int NONCE_OFFSET = ID_OFFSET + DataKey.ID_LENGTH;
    private static final int WRAPPED_OFFSET = NONCE_OFFSET + 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFile() {
    }

    /** A new random data key for {@code owner}, and its key file bytes. */
    public static Generated generate(MasterKey master, String owner) throws IOException {
        byte[] id = random(DataKey.ID_LENGTH);
        byte[] raw = random(DataKey.LENGTH);
        byte[] nonce = random(12);
        ByteBuffer file = ByteBuffer.allocate(LENGTH).put(MAGIC).put(VERSION).put(master.fingerprint()).put(id).put(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, master.key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(file.array(), owner));
            file.put(cipher.doFinal(raw));
            return new Generated(new DataKey(id, new SecretKeySpec(raw, "AES")), file.array());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot wrap a data key", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public static DataKey unwrap(MasterKey master, String owner, byte[] file) throws IOException {
        if (file.length != LENGTH || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || file[MAGIC.length] != VERSION) {
            throw new IOException("the key file of owner " + owner + " is damaged or of an unknown version");
        }
        if (!master.matches(Arrays.copyOfRange(file, FINGERPRINT_OFFSET, ID_OFFSET))) {
            master.key();
            throw new IOException("the data key of owner " + owner + " was wrapped by another master key");
        }
        byte[] raw = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, master.key(),
                    new GCMParameterSpec(128, file, NONCE_OFFSET, WRAPPED_OFFSET - NONCE_OFFSET));
            cipher.updateAAD(aad(file, owner));
            raw = cipher.doFinal(file, WRAPPED_OFFSET, file.length - WRAPPED_OFFSET);
            return new DataKey(Arrays.copyOfRange(file, ID_OFFSET, NONCE_OFFSET), new SecretKeySpec(raw, "AES"));
        } catch (AEADBadTagException e) {
            throw new IOException("the key file of owner " + owner + " failed authentication", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot unwrap the data key of owner " + owner, e);
        } finally {
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    /** Reads only the fingerprint: enough for health to notice key files of another master key. */
    public static boolean wrappedBy(MasterKey master, byte[] head) {
        return head.length >= ID_OFFSET && master.matches(Arrays.copyOfRange(head, FINGERPRINT_OFFSET, ID_OFFSET));
    }

    public static int fingerprintEnd() {
        return ID_OFFSET;
    }

    private static byte[] aad(byte[] file, String owner) {
        byte[] ownerBytes = owner.getBytes(UTF_8);
        return ByteBuffer.allocate(NONCE_OFFSET + ownerBytes.length).put(file, 0, NONCE_OFFSET).put(ownerBytes).array();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public record Generated(DataKey key, byte[] file) {
    }
}
