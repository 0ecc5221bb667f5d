package org.aisora.api.payment;

/**
 * A payment processor refused or failed. Codes the core maps to HTTP: {@code invalid_signature} (400,
 * a webhook that is not the processor's), {@code unknown_product} (422), {@code unsupported} (422),
 * {@code processor_unavailable} (503, retryable), {@code processor_error} (502).
 */
public class PaymentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public PaymentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
