package org.aisora.api.provider;

/**
 * One generation as a provider receives it, already validated and moderated by the core.
 * {@code durationSeconds} is 0 for images; {@code input} is the user's image for image-to-image,
 * image-to-video and upscale, else null. {@code idempotencyKey} names this one attempt of the job (the same
 * key for the same attempt, a new one for the next): a provider sends it as its vendor's idempotency header
 * where the vendor documents one, so a repeated request never starts a second task. Null outside the core's
 * dispatch (a test, a tool).
 */
public record GenerationRequest(String jobId, GenerationType type, String prompt, String negativePrompt,
                                int width, int height, int durationSeconds, long seed, MediaInput input,
                                String idempotencyKey) {
    /** A request without an idempotency key. */
    public GenerationRequest(String jobId, GenerationType type, String prompt, String negativePrompt, int width,
                             int height, int durationSeconds, long seed, MediaInput input) {
        this(jobId, type, prompt, negativePrompt, width, height, durationSeconds, seed, input, null);
    }

    /** A request without an input medium. */
    public GenerationRequest(String jobId, GenerationType type, String prompt, String negativePrompt, int width,
                             int height, int durationSeconds, long seed) {
        this(jobId, type, prompt, negativePrompt, width, height, durationSeconds, seed, null, null);
    }

    /** This request for one attempt: the same generation under {@code key}. @since 1.3 */
    public GenerationRequest withIdempotencyKey(String key) {
        return new GenerationRequest(jobId, type, prompt, negativePrompt, width, height, durationSeconds, seed, input,
                key);
    }
}
