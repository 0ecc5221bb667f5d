package org.aisora.payments.stripe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.payment.Product;

/**
 * Reading Stripe objects from both API shapes we may meet: before 2025-03-31 ("basil") a subscription had
 * {@code current_period_end} and an invoice {@code subscription}, {@code subscription_details} and line
 * {@code price}; since then they live on the items, {@code parent.subscription_details} and line
 * {@code pricing.price_details}. Webhooks follow the endpoint's version, so both are read.
 */
final class StripeObjects {
    static final String ACCOUNT = "account_id";
    static final String PRODUCT = "product";
    static final String PLAN = "plan";
    static final String CREDITS = "credits";
    static final Set<String> ACTIVE = Set.of("active", "trialing");

    private StripeObjects() {
    }

    /** A non-empty string field, or the id of an expanded object in its place; else null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isObject()) {
            value = value.path("id");
        }
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    @SafeVarargs
    static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() ? value.asLong() : 0;
    }

    /** Unix seconds as an instant; null when absent. */
    static Instant epoch(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.asLong() > 0 ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Credits a metadata block stands for: its product's, else the count stored beside it at checkout. */
    static long credits(JsonNode metadata, ProductCatalog catalog) {
        Optional<Product> product = catalog.byId(text(metadata, PRODUCT));
        if (product.isPresent()) {
            return product.get().credits();
        }
        String stored = text(metadata, CREDITS);
        return stored != null && stored.matches("[0-9]{1,15}") ? Long.parseLong(stored) : 0;
    }

    /** The plan a metadata block or a price grants: our metadata first, then the configured price. */
    static String plan(JsonNode metadata, String priceId, ProductCatalog catalog) {
        return first(text(metadata, PLAN), catalog.byId(text(metadata, PRODUCT)).map(Product::plan).orElse(null),
                catalog.byPrice(priceId).map(Product::plan).orElse(null));
    }

    /** The price of a subscription's items, preferring one we sell. */
    static String subscriptionPrice(JsonNode subscription, ProductCatalog catalog) {
        String any = null;
        for (JsonNode item : subscription.path("items").path("data")) {
            String price = text(item, "price");
            if (price != null && catalog.byPrice(price).isPresent()) {
                return price;
            }
            any = first(any, price);
        }
        return any;
    }

    static Instant subscriptionPeriodEnd(JsonNode subscription) {
        Instant end = epoch(subscription, "current_period_end");
        for (JsonNode item : subscription.path("items").path("data")) {
            end = later(end, epoch(item, "current_period_end"));
        }
        return end;
    }

    static String invoiceSubscription(JsonNode invoice) {
        return first(text(invoice, "subscription"),
                text(invoice.path("parent").path("subscription_details"), "subscription"));
    }

    /** The subscription's metadata as the invoice copied it (either shape), else empty. */
    static JsonNode invoiceSubscriptionMetadata(JsonNode invoice) {
        JsonNode basil = invoice.path("parent").path("subscription_details").path("metadata");
        return basil.isObject() ? basil : invoice.path("subscription_details").path("metadata");
    }

    static String linePrice(JsonNode line) {
        return first(text(line, "price"), text(line.path("pricing").path("price_details"), "price"),
                text(line, "plan"));
    }
}
