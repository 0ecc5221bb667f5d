package org.aisora.providers.stability.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our task id: what the result is plus Stability's generation id, e.g. {@code video-8f3a...}. The kind
 * travels in the id so any node can poll a task (the result request needs the right Accept header) and
 * the vendor id is checked before it goes into a URL path.
 */
record TaskId(Kind kind, String vendorId) {
    enum Kind {
        /** A synchronous Stable Image generation; there is nothing to fetch later. */
        IMAGE("image/*"),
        VIDEO("video/*"),
        UPSCALE("image/*");

        private final String accept;

        Kind(String accept) {
            this.accept = accept;
        }

        String accept() {
            return accept;
        }

        boolean video() {
            return this == VIDEO;
        }
    }

    private static final Pattern VENDOR_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern TASK = Pattern.compile("(image|video|upscale)-(.+)");

    static TaskId of(Kind kind, String vendorId) {
        if (!validVendorId(vendorId)) {
            throw new IllegalArgumentException("not a Stability generation id");
        }
        return new TaskId(kind, vendorId);
    }

    static TaskId newImage() {
        return new TaskId(Kind.IMAGE, UUID.randomUUID().toString());
    }

    static boolean validVendorId(String id) {
        return id != null && VENDOR_ID.matcher(id).matches();
    }

    static Optional<TaskId> parse(String taskId) {
        Matcher m = TASK.matcher(taskId == null ? "" : taskId);
        if (!m.matches() || !validVendorId(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new TaskId(Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2)));
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + vendorId;
    }
}
