package org.aisora.api.provider;

/**
 * One generation as a provider receives it, already validated and moderated by the core.
 * {@code durationSeconds} is 0 for images; {@code input} is the user's image for image-to-image,
 * image-to-video and upscale, else null.
 */
public record GenerationRequest(String jobId, GenerationType type, String prompt, String negativePrompt,
                                int width, int height, int durationSeconds, long seed, MediaInput input) {
    /** A request without an input medium. */
    public GenerationRequest(String jobId, GenerationType type, String prompt, String negativePrompt, int width,
                             int height, int durationSeconds, long seed) {
        this(jobId, type, prompt, negativePrompt, width, height, durationSeconds, seed, null);
    }
}
