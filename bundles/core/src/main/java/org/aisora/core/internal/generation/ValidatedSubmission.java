package org.aisora.core.internal.generation;

import org.aisora.api.provider.GenerationType;

/** A submission after every field was checked and defaulted. */
record ValidatedSubmission(GenerationType type, String prompt, String negativePrompt, String inputMediaId,
                           int width, int height, int durationSeconds, long seed, String provider) {
}
