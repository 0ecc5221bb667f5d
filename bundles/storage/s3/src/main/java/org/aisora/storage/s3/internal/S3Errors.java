package org.aisora.storage.s3.internal;

import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The SDK throws unchecked exceptions; the SPI speaks IOException, with a message an operator can act on. */
final class S3Errors {
    private S3Errors() {
    }

    static boolean notFound(SdkException e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 404;
    }

    static IOException io(String action, SdkException e) {
        return new IOException(action + " failed: " + describe(e), e);
    }

    /** A short reason: the service's error code and status, or the client-side cause (refused, timed out). */
    static String describe(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return switch (s3.statusCode()) {
                case 401, 403 -> "access denied (" + (code == null ? s3.statusCode() : code)
                        + "): check access.key, .secret.key and the bucket policy";
                case 404 -> "not found (" + (code == null ? "404" : code) + ")";
                case 301, 307 -> "the bucket is in another region or needs another endpoint style";
                default -> (code == null ? "HTTP " : code + ", HTTP ") + s3.statusCode();
            };
        }
        if (e instanceof SdkClientException) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "endpoint unreachable (" + cause.getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName();
    }
}
