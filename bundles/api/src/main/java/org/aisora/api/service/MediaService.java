package org.aisora.api.service;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Media metadata and content; another account's id is a 404. */
@ProviderType
public interface MediaService {
    /** Variants of an item that can be fetched. */
    String CONTENT = "content";
    String THUMBNAIL = "thumbnail";

    /**
     * Checks the body by content while streaming it to storage under a generated name.
     * @param declaredLength the Content-Length, or -1 when unknown
     * @throws org.aisora.api.error.AisoraException upload_too_large (413), unsupported_media_type (415), ...
     */
    MediaView upload(Caller caller, InputStream body, String declaredType, long declaredLength);

    /** The caller's uploads and generated outputs (not their derivatives), newest first. */
    List<MediaView> list(Caller caller, int offset, int limit);

    /** Deletes an item with its derivatives (rows and blobs). */
    void delete(Caller caller, String id);

    MediaView get(Caller caller, String id);

    MediaContent content(Caller caller, String id);

    MediaContent thumbnail(Caller caller, String id);

    /** A URL for {@code variant} of the caller's item that works without a token until it expires. */
    SignedUrl sign(Caller caller, String id, String variant, Duration ttl);

    /**
     * Content for a signed URL.
     * @throws org.aisora.api.error.AisoraException invalid_signature or signature_expired (403)
     */
    MediaContent signedContent(String id, String variant, long expiresEpochSecond, String signature);
}
