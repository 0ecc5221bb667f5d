package org.aisora.core.internal.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.core.internal.TestConfig;
import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {
    private final JobsConfiguration config = TestConfig.jobs(Map.of());

    private static GenerationSubmission image(String prompt, Integer w, Integer h) {
        return new GenerationSubmission("text-to-image", prompt, null, null, w, h, null, 7L, null);
    }

    private String code(GenerationSubmission s) {
        return assertThrows(AisoraException.class, () -> SubmissionValidator.validate(s, config)).code();
    }

    @Test
    void acceptsAndDefaults() {
        ValidatedSubmission v = SubmissionValidator.validate(image("  a red fox ", null, 256), config);
        assertEquals(GenerationType.TEXT_TO_IMAGE, v.type());
        assertEquals("a red fox", v.prompt());
        assertEquals(512, v.width());
        assertEquals(256, v.height());
        assertEquals(7L, v.seed());
        assertEquals(0, v.durationSeconds());
    }

    @Test
    void refusesBadFieldsWithTheirOwnCodes() {
        assertEquals("missing_body", assertThrows(AisoraException.class,
                () -> SubmissionValidator.validate(null, config)).code());
        assertEquals("invalid_type", code(new GenerationSubmission("text-to-poem", "x", null, null, 256, 256, null, null, null)));
        assertEquals("invalid_prompt", code(image("   ", 256, 256)));
        assertEquals("invalid_prompt", code(image("x".repeat(2001), 256, 256)));
        assertEquals("invalid_prompt", code(image("bell\u0007", 256, 256)));
        assertEquals("invalid_size", code(image("fox", 63, 256)));
        assertEquals("invalid_size", code(image("fox", 256, 2049)));
        assertEquals("invalid_duration", code(new GenerationSubmission("text-to-image", "x", null, null, 256, 256, 3, null, null)));
        assertEquals("invalid_duration", code(new GenerationSubmission("text-to-video", "x", null, null, 256, 256, 61, null, null)));
        assertEquals("missing_input_media", code(new GenerationSubmission("upscale", null, null, null, 256, 256, null, null, null)));
    }

    @Test
    void pricesByStartedTileAndVideoSecond() {
        ValidatedSubmission small = SubmissionValidator.validate(image("fox", 256, 256), config);
        ValidatedSubmission big = SubmissionValidator.validate(image("fox", 1024, 1024), config);
        ValidatedSubmission odd = SubmissionValidator.validate(image("fox", 513, 512), config);
        assertEquals(5, Pricing.cost(small, 5));
        assertEquals(20, Pricing.cost(big, 5));
        assertEquals(10, Pricing.cost(odd, 5));
        ValidatedSubmission video = SubmissionValidator.validate(
                new GenerationSubmission("text-to-video", "fox", null, null, 512, 512, 4, 1L, null), config);
        assertEquals(20, Pricing.cost(video, 5));
    }
}
