package org.aisora.api.provider;

/** A provider call failed; {@code retryable} tells the core whether another attempt may succeed. */
public class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final boolean retryable;

    public ProviderException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
