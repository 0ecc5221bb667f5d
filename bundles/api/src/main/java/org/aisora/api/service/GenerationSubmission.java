package org.aisora.api.service;

/** A generation request as a client sends it; nulls mean "use the default". */
public record GenerationSubmission(String type, String prompt, String negativePrompt, String inputMediaId,
                                   Integer width, Integer height, Integer durationSeconds, Long seed,
                                   String provider) {
}
