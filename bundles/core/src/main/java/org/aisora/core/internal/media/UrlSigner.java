package org.aisora.core.internal.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures for media URLs: {@code id}, {@code variant} and the expiry are signed, so a
 * URL cannot be pointed at another item, another variant, or a later time.
 */
public final class UrlSigner {
    private final SecretKeySpec key;

    public UrlSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the URL signing key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The configured key, or one generated once and kept (owner-only) in the data folder, so URLs survive restarts. */
    public static UrlSigner fromConfig(String base64, Path generatedKeyFile) throws IOException {
        if (base64 != null && !base64.isBlank()) {
            return new UrlSigner(Base64.getDecoder().decode(base64.trim()));
        }
        if (!Files.exists(generatedKeyFile)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(generatedKeyFile.getParent());
            Path tmp = Files.createTempFile(generatedKeyFile.getParent(), "signing", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.write(tmp, Base64.getEncoder().encode(secret), StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(tmp, generatedKeyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
            }
        }
        return new UrlSigner(Base64.getDecoder().decode(Files.readString(generatedKeyFile).trim()));
    }

    public String sign(String id, String variant, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sig = mac.doFinal((id + "\n" + variant + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** Constant-time comparison. */
    public boolean verify(String id, String variant, long expiresEpochSecond, String signature) {
        if (signature == null || signature.length() > 100) {
            return false;
        }
        return MessageDigest.isEqual(sign(id, variant, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
