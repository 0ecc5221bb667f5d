package org.aisora.rest.internal.openai;

/** Carries an error already in OpenAI's terms to {@link OpenAiErrorMapper}. */
final class OpenAiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient OpenAiError error;

    OpenAiException(OpenAiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    OpenAiError error() {
        return error;
    }
}
