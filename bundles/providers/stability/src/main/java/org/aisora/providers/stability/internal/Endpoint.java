package org.aisora.providers.stability.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Stable Image generate endpoint as configured: {@code core}, {@code ultra}, {@code sd3} or
 * {@code sd3/<model>} (the sd3 endpoint serves several SD3.x models picked with its {@code model} field).
 */
record Endpoint(String name, String sd3Model) {
    private static final Pattern SD3_MODEL = Pattern.compile("[a-z0-9][a-z0-9.-]{0,39}");

    static Optional<Endpoint> parse(String configured) {
        String value = configured == null ? "" : configured.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("core") || value.equals("ultra") || value.equals("sd3")) {
            return Optional.of(new Endpoint(value, null));
        }
        if (value.startsWith("sd3/") && SD3_MODEL.matcher(value.substring(4)).matches()) {
            return Optional.of(new Endpoint("sd3", value.substring(4)));
        }
        return Optional.empty();
    }

    String path() {
        return "/v2beta/stable-image/generate/" + name;
    }

    /** Only the sd3 endpoint has a {@code mode} field; ultra infers image-to-image from the image part. */
    boolean hasMode() {
        return name.equals("sd3");
    }

    /** Stable Image Core generates from text only. */
    boolean takesImage() {
        return !name.equals("core");
    }

    @Override
    public String toString() {
        return sd3Model == null ? name : name + "/" + sd3Model;
    }
}
