package org.aisora.api.provider;

import java.util.Locale;
import java.util.Objects;

/**
 * What a provider states about training on the content it is sent, where that statement comes from, and
 * whether the operator recorded a no-training (zero-retention) agreement with the vendor account this
 * provider instance is configured with ({@code training.agreement = no-training} in its configuration).
 *
 * @param source a URL or a sentence naming the vendor's terms that support {@code trainsOnContent}
 */
public record TrainingUse(TrainsOnContent trainsOnContent, String source, boolean noTrainingAgreement) {
    /** The only value of {@code training.agreement} that records an agreement. */
    public static final String NO_TRAINING = "no-training";

    public TrainingUse {
        Objects.requireNonNull(trainsOnContent, "trainsOnContent");
        source = source == null ? "" : source;
    }

    /** Content never leaves the platform's own machines. */
    public static TrainingUse local(String source) {
        return new TrainingUse(TrainsOnContent.NO, source, false);
    }

    /** @param configuredAgreement the provider configuration's {@code training.agreement}, any case, may be null */
    public static TrainingUse stated(TrainsOnContent trainsOnContent, String source, String configuredAgreement) {
        return new TrainingUse(trainsOnContent, source, isNoTraining(configuredAgreement));
    }

    public static boolean isNoTraining(String configuredAgreement) {
        return configuredAgreement != null && NO_TRAINING.equals(configuredAgreement.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether the core may send a job to this provider: it does not train, or an agreement says it must not. */
    public boolean routable() {
        return trainsOnContent == TrainsOnContent.NO || noTrainingAgreement;
    }

    /** {@code no-training} or {@code none}, as the plugin views show it. */
    public String agreement() {
        return noTrainingAgreement ? NO_TRAINING : "none";
    }
}
