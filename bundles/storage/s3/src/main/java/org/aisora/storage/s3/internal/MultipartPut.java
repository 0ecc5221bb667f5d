package org.aisora.storage.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One put, streamed: the body (already encrypted) is read a part at a time, one buffer of at most the part
 * size. A body that fits in one part is a single PUT; a larger one a multipart upload, aborted when anything
 * fails so no half-written object or orphan upload stays behind. Either way the object appears whole or not at all.
 */
final class MultipartPut {
    private static final int MAX_PARTS = 10_000;

    private final S3Client client;
    private final String bucket;
    private final int partSize;

    MultipartPut(S3Client client, String bucket, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /** @return the number of bytes stored */
    long put(String objectKey, InputStream data, String contentType) throws IOException {
        byte[] buffer = data.readNBytes(partSize);
        if (buffer.length < partSize) {
            try {
                client.putObject(b -> b.bucket(bucket).key(objectKey).contentType(contentType)
                        .contentLength((long) buffer.length), body(buffer, buffer.length));
            } catch (SdkException e) {
                throw S3Errors.io("PUT " + objectKey, e);
            }
            return buffer.length;
        }
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(objectKey).contentType(contentType))
                    .uploadId();
        } catch (SdkException e) {
            throw S3Errors.io("starting the upload of " + objectKey, e);
        }
        try {
            long size = 0;
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = buffer.length; ; ) {
                if (parts.size() == MAX_PARTS) {
                    throw new IOException("blob too large: more than " + MAX_PARTS + " parts");
                }
                int number = parts.size() + 1;
                long length = n;
                String etag = client.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(number).contentLength(length), body(buffer, n)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += n;
                n = n < partSize ? 0 : data.readNBytes(buffer, 0, partSize);
                if (n == 0) {
                    break;
                }
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
            return size;
        } catch (SdkException e) {
            abort(objectKey, uploadId, e);
            throw S3Errors.io("uploading " + objectKey, e);
        } catch (IOException | RuntimeException e) {
            abort(objectKey, uploadId, e);
            throw e;
        }
    }

    private void abort(String objectKey, String uploadId, Exception failure) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (SdkException e) {
            // the bucket's lifecycle rule for incomplete uploads is the safety net
            failure.addSuppressed(e);
        }
    }

    /** Re-readable for the SDK's retries, without copying the buffer. */
    private static RequestBody body(byte[] buffer, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                "application/octet-stream");
    }
}
