package org.aisora.api.provider;

/**
 * One generation as a provider receives it, already validated and moderated by the core.
 * {@code durationSeconds} is 0 for images.
 */
public record GenerationRequest(String jobId, GenerationType type, String prompt, String negativePrompt,
                                int width, int height, int durationSeconds, long seed) {
}
