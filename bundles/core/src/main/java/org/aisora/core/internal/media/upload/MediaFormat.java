package org.aisora.core.internal.media.upload;

import java.util.Set;

/** The allow-list: the only formats an upload may be. Anything the sniffer cannot name here is refused. */
public enum MediaFormat {
    PNG("image", "image/png", "png"),
    JPEG("image", "image/jpeg", "jpg", "image/jpg", "image/pjpeg"),
    WEBP("image", "image/webp", "webp"),
    GIF("image", "image/gif", "gif"),
    // MP4 and QuickTime are the same ISO-BMFF container and clients label one as the other all the time,
    // so either declared type is taken for either; the stored type is still the sniffed one.
    MP4("video", "video/mp4", "mp4", "video/x-m4v", "video/quicktime"),
    MOV("video", "video/quicktime", "mov", "video/mp4"),
    WEBM("video", "video/webm", "webm");

    private final String kind;
    private final String contentType;
    private final String extension;
    private final Set<String> aliases;

    MediaFormat(String kind, String contentType, String extension, String... aliases) {
        this.kind = kind;
        this.contentType = contentType;
        this.extension = extension;
        this.aliases = Set.of(aliases);
    }

    /** {@code image} or {@code video}. */
    public String kind() {
        return kind;
    }

    /** The canonical type to store and serve, whatever the client declared. */
    public String contentType() {
        return contentType;
    }

    /** For generated storage names; never derived from the client's file name. */
    public String extension() {
        return extension;
    }

    public boolean isImage() {
        return "image".equals(kind);
    }

    /** Whether a normalised (lower-case, parameter-free) declared type names this format. */
    boolean isNamedBy(String mime) {
        return contentType.equals(mime) || aliases.contains(mime);
    }
}
