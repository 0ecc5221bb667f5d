package org.aisora.api.error;

/** A debit would take a user's available credits below zero; nothing was written. */
public class InsufficientCreditsException extends AisoraException {
    private static final long serialVersionUID = 1L;

    public InsufficientCreditsException(long needed, long available) {
        super(Kind.PAYMENT_REQUIRED, "insufficient_credits",
                "this needs " + needed + " credits and " + available + " are available");
    }
}
