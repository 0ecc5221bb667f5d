package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.StripeObjects.ACCOUNT;
import static org.aisora.payments.stripe.internal.StripeObjects.number;
import static org.aisora.payments.stripe.internal.StripeObjects.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentEvent.Type;
import org.aisora.api.payment.PaymentException;

/**
 * Stripe's {@code charge.dispute.*} events as the platform's dispute events. The type follows the dispute's
 * status, so whichever of its events arrives says where the dispute is; the pack and the account are read
 * from the disputed charge (its metadata comes from the checkout's payment intent). A charge that cannot be
 * read now is {@code processor_unavailable}: the core answers 503 and Stripe delivers the event again.
 */
final class StripeDisputes {
    static final String PREFIX = "charge.dispute.";
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");

    private final StripeApi api;
    private final ProductCatalog catalog;

    StripeDisputes(StripeApi api, ProductCatalog catalog) {
        this.api = api;
        this.catalog = catalog;
    }

    static boolean handles(String eventType) {
        return eventType != null && eventType.startsWith(PREFIX);
    }

    PaymentEvent normalise(JsonNode event) throws PaymentException {
        JsonNode dispute = event.path("data").path("object");
        String id = text(event, "id");
        if (id == null || !dispute.isObject()) {
            throw new PaymentException(StripeApi.ERROR, "the Stripe event has no id or data.object");
        }
        String status = text(dispute, "status");
        Type type = switch (status == null ? "" : status) {
            case "won", "warning_closed", "prevented" -> Type.DISPUTE_WON;
            case "lost" -> Type.DISPUTE_LOST;
            default -> Type.DISPUTE_OPENED;
        };
        long disputed = number(dispute, "amount");
        String account = null;
        String customer = null;
        long credits = 0;
        String chargeId = text(dispute, "charge");
        Optional<JsonNode> charge = chargeId == null || !OBJECT_ID.matcher(chargeId).matches() ? Optional.empty()
                : api.get("/v1/charges/" + chargeId);
        if (charge.isPresent()) {
            JsonNode metadata = charge.get().path("metadata");
            account = text(metadata, ACCOUNT);
            customer = text(charge.get(), "customer");
            long amount = number(charge.get(), "amount");
            long pack = StripeObjects.credits(metadata, catalog);
            credits = amount <= 0 || disputed <= 0 ? 0 : BigInteger.valueOf(pack)
                    .multiply(BigInteger.valueOf(Math.min(disputed, amount))).divide(BigInteger.valueOf(amount))
                    .longValueExact();
        }
        return new PaymentEvent(id, type, account, customer, null, null, null, credits, disputed,
                text(dispute, "currency"), null, StripeObjects.epoch(event, "created"), text(dispute, "id"));
    }
}
