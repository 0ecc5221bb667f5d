package org.aisora.storage.support;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.aisora.api.plugin.PluginHealth;

/**
 * The key that wraps every owner's data key: configured ({@code .master.key}), else generated once into a
 * local file, which works but is reported DEGRADED (the file store keeps it beside the data, so whoever has
 * the disk has the key; an S3 store's nodes would each generate their own). Its bytes
 * never appear in a message; a short fingerprint stored in each key file tells a wrong key from a damaged file.
 */
public final class MasterKey {
    public static final int LENGTH = 32;
    public static final int FINGERPRINT_LENGTH = 8;
    private static final byte[] FINGERPRINT_LABEL = "aisora master key fingerprint v1".getBytes(US_ASCII);

    private final SecretKey key;
    private final byte[] fingerprint;
    private final PluginHealth health;

    private MasterKey(SecretKey key, PluginHealth health) {
        this.key = key;
        this.fingerprint = key == null ? null : fingerprintOf(key);
        this.health = health;
    }

    /**
     * @param where       what an operator is told about the generated key's place, e.g. "next to the data it
     *                    protects", completing "using the key generated in FILE, ..."
     * @param configFile  where {@code .master.key} is configured, e.g. etc/org.aisora.storage.filesystem.cfg
     */
    public static MasterKey resolve(String configured, Path generatedFile, String where, String configFile) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = decode(configured);
            return bytes == null
                    ? unusable(".master.key is set but is not the base64 of " + LENGTH + " bytes; puts and reads fail")
                    : new MasterKey(new SecretKeySpec(bytes, "AES"), PluginHealth.online());
        }
        try {
            byte[] bytes = loadOrGenerate(generatedFile);
            if (bytes == null) {
                return unusable("the generated master key in " + generatedFile + " is damaged; configure .master.key");
            }
            return new MasterKey(new SecretKeySpec(bytes, "AES"), PluginHealth.degraded(".master.key (with its leading dot) is not"
                    + " configured: using the key generated in " + generatedFile + ", " + where + ";"
                    + " move its content to .master.key in " + configFile + " and delete the file"));
        } catch (IOException e) {
            return unusable(".master.key is not configured and no key could be generated in " + generatedFile + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static MasterKey unusable(String reason) {
        return new MasterKey(null, PluginHealth.offline(reason));
    }

    /** @throws IOException when the configured key is unusable: nothing is written or read without one */
    public SecretKey key() throws IOException {
        if (key == null) {
            throw new IOException(health.reason());
        }
        return key;
    }

    public boolean matches(byte[] otherFingerprint) {
        return fingerprint != null && MessageDigest.isEqual(fingerprint, otherFingerprint);
    }

    public byte[] fingerprint() throws IOException {
        key();
        return fingerprint.clone();
    }

    public PluginHealth health() {
        return health;
    }

    private static byte[] loadOrGenerate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[LENGTH];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            // two instances starting at once: the first file written wins, the other reads it below
            FileOps.createOnce(file, (Base64.getEncoder().encodeToString(fresh) + "\n").getBytes(US_ASCII));
            Arrays.fill(fresh, (byte) 0);
        }
        return decode(Files.readString(file, US_ASCII));
    }

    private static byte[] decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.trim());
            return bytes.length == LENGTH ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] fingerprintOf(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(FINGERPRINT_LABEL), FINGERPRINT_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
