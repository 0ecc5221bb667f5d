package org.aisora.core.internal.billing;

import org.aisora.api.error.AisoraException;
import org.aisora.api.payment.PaymentException;

/** A processor's failure as the API answers it. */
final class Payments {
    private Payments() {
    }

    static AisoraException failure(PaymentException e) {
        return switch (e.code()) {
            case "invalid_signature" -> AisoraException.badRequest("invalid_signature", "the webhook signature is not valid");
            case "unknown_product", "unsupported" -> AisoraException.unprocessable(e.code(), e.getMessage());
            case "processor_unavailable" -> new AisoraException(AisoraException.Kind.UNAVAILABLE, e.code(),
                    "the payment processor is unavailable; try again");
            default -> new AisoraException(AisoraException.Kind.UNAVAILABLE, "processor_error",
                    "the payment processor refused the request");
        };
    }
}
