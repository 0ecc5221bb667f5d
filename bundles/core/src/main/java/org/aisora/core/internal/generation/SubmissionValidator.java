package org.aisora.core.internal.generation;

import java.security.SecureRandom;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.service.GenerationSubmission;

/** Checks a client's generation request; nothing is stored or charged for a request it refuses. */
final class SubmissionValidator {
    static final int MIN_SIDE = 64;
    static final int DEFAULT_SIDE = 512;
    static final int MAX_VIDEO_SECONDS = 60;
    private static final SecureRandom SEEDS = new SecureRandom();

    private SubmissionValidator() {
    }

    static ValidatedSubmission validate(GenerationSubmission s, JobsConfiguration config) {
        if (s == null) {
            throw AisoraException.badRequest("missing_body", "a generation request body is required");
        }
        GenerationType type = GenerationType.fromWire(s.type() == null ? "" : s.type())
                .orElseThrow(() -> AisoraException.badRequest("invalid_type",
                        "type must be one of text-to-image, image-to-image, text-to-video, image-to-video, upscale"));
        String prompt = text(s.prompt(), "prompt", config.max_prompt_length(), type != GenerationType.UPSCALE);
        String negative = text(s.negativePrompt(), "negativePrompt", config.max_prompt_length(), false);
        boolean needsInput = type == GenerationType.IMAGE_TO_IMAGE || type == GenerationType.IMAGE_TO_VIDEO
                || type == GenerationType.UPSCALE;
        if (needsInput && (s.inputMediaId() == null || s.inputMediaId().isBlank())) {
            throw AisoraException.badRequest("missing_input_media", type.wireName() + " needs inputMediaId");
        }
        int width = side(s.width(), "width", config.max_image_side());
        int height = side(s.height(), "height", config.max_image_side());
        int duration = 0;
        if (type.producesVideo()) {
            duration = s.durationSeconds() == null ? 4 : s.durationSeconds();
            if (duration < 1 || duration > MAX_VIDEO_SECONDS) {
                throw AisoraException.badRequest("invalid_duration",
                        "durationSeconds must be between 1 and " + MAX_VIDEO_SECONDS);
            }
        } else if (s.durationSeconds() != null) {
            throw AisoraException.badRequest("invalid_duration", "durationSeconds applies to video types only");
        }
        long seed = s.seed() == null ? SEEDS.nextLong() & Long.MAX_VALUE : s.seed();
        String provider = s.provider() == null || s.provider().isBlank() ? null : s.provider().trim();
        return new ValidatedSubmission(type, prompt, negative, needsInput ? s.inputMediaId().trim() : null,
                width, height, duration, seed, provider);
    }

    private static int side(Integer value, String field, int max) {
        int v = value == null ? DEFAULT_SIDE : value;
        if (v < MIN_SIDE || v > max) {
            throw AisoraException.badRequest("invalid_size", field + " must be between " + MIN_SIDE + " and " + max);
        }
        return v;
    }

    private static String text(String value, String field, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) {
            throw AisoraException.badRequest("invalid_prompt", field + " is required");
        }
        if (v.length() > max) {
            throw AisoraException.badRequest("invalid_prompt", field + " must be at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw AisoraException.badRequest("invalid_prompt", field + " contains control characters");
        }
        return v.isEmpty() ? null : v;
    }
}
