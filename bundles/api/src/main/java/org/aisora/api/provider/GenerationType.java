package org.aisora.api.provider;

import java.util.Arrays;
import java.util.Optional;

/** What a generation job produces from what. */
public enum GenerationType {
    TEXT_TO_IMAGE("text-to-image", false), IMAGE_TO_IMAGE("image-to-image", false),
    TEXT_TO_VIDEO("text-to-video", true), IMAGE_TO_VIDEO("image-to-video", true), UPSCALE("upscale", false);

    private final String wireName;
    private final boolean video;

    GenerationType(String wireName, boolean video) {
        this.wireName = wireName;
        this.video = video;
    }

    public String wireName() {
        return wireName;
    }

    public boolean producesVideo() {
        return video;
    }

    public static Optional<GenerationType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
