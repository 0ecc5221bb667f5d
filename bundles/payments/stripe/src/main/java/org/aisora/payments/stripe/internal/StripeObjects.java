package org.aisora.payments.stripe.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.payment.Product;

/**
 * Reading Stripe objects from their raw JSON, in both API shapes we may meet: before 2025-03-31 ("basil") a
 * subscription had {@code current_period_end} and an invoice {@code subscription}, {@code subscription_details}
 * and line {@code price}; since then they live on the items, {@code parent.subscription_details} and line
 * {@code pricing.price_details}. Webhooks follow the endpoint's version, not stripe-java's, so events are
 * read from their JSON rather than through stripe-java's typed models (which it leaves empty when the
 * versions differ); both shapes are read.
 */
final class StripeObjects {
    static final String ACCOUNT = "account_id";
    static final String PRODUCT = "product";
    static final String PLAN = "plan";
    static final String CREDITS = "credits";
    static final Set<String> ACTIVE = Set.of("active", "trialing");
    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private StripeObjects() {
    }

    /** The object under {@code field}, or an empty one. */
    static JsonObject object(JsonObject node, String field) {
        JsonElement value = node == null ? null : node.get(field);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    /** The objects of a list field ({@code {"data":[...]}}), skipping anything else. */
    static List<JsonObject> data(JsonObject list) {
        List<JsonObject> items = new ArrayList<>();
        JsonElement data = list.get("data");
        if (data != null && data.isJsonArray()) {
            for (JsonElement item : (JsonArray) data) {
                if (item.isJsonObject()) {
                    items.add(item.getAsJsonObject());
                }
            }
        }
        return items;
    }

    /** A non-empty string field, or the id of an expanded object in its place; else null. */
    static String text(JsonObject node, String field) {
        JsonElement value = node == null ? null : node.get(field);
        if (value != null && value.isJsonObject()) {
            value = value.getAsJsonObject().get("id");
        }
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            return null;
        }
        String text = value.getAsString();
        return text.isBlank() ? null : text;
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

    /** A whole number (a fraction is cut), else 0. */
    static long number(JsonObject node, String field) {
        BigDecimal value = decimal(node, field);
        return value == null || value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0 ? 0 : value.longValue();
    }

    /** Unix seconds as an instant; null when absent. */
    static Instant epoch(JsonObject node, String field) {
        BigDecimal value = decimal(node, field);
        if (value == null || value.signum() <= 0 || value.stripTrailingZeros().scale() > 0 || value.compareTo(MAX) > 0) {
            return null;
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    private static BigDecimal decimal(JsonObject node, String field) {
        JsonElement value = node == null ? null : node.get(field);
        if (value == null || !value.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        try {
            return primitive.isNumber() ? primitive.getAsBigDecimal() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Credits a metadata block stands for: its product's, else the count stored beside it at checkout. */
    static long credits(JsonObject metadata, ProductCatalog catalog) {
        Optional<Product> product = catalog.byId(text(metadata, PRODUCT));
        if (product.isPresent()) {
            return product.get().credits();
        }
        return storedCredits(text(metadata, CREDITS));
    }

    static long storedCredits(String stored) {
        return stored != null && stored.matches("[0-9]{1,15}") ? Long.parseLong(stored) : 0;
    }

    /** The plan a metadata block or a price grants: our metadata first, then the configured price. */
    static String plan(JsonObject metadata, String priceId, ProductCatalog catalog) {
        return first(text(metadata, PLAN), catalog.byId(text(metadata, PRODUCT)).map(Product::plan).orElse(null),
                catalog.byPrice(priceId).map(Product::plan).orElse(null));
    }

    /** The price of a subscription's items, preferring one we sell. */
    static String subscriptionPrice(JsonObject subscription, ProductCatalog catalog) {
        String any = null;
        for (JsonObject item : data(object(subscription, "items"))) {
            String price = text(item, "price");
            if (price != null && catalog.byPrice(price).isPresent()) {
                return price;
            }
            any = first(any, price);
        }
        return any;
    }

    static Instant subscriptionPeriodEnd(JsonObject subscription) {
        Instant end = epoch(subscription, "current_period_end");
        for (JsonObject item : data(object(subscription, "items"))) {
            end = later(end, epoch(item, "current_period_end"));
        }
        return end;
    }

    static String invoiceSubscription(JsonObject invoice) {
        return first(text(invoice, "subscription"),
                text(object(object(invoice, "parent"), "subscription_details"), "subscription"));
    }

    /** The subscription's metadata as the invoice copied it (either shape), else empty. */
    static JsonObject invoiceSubscriptionMetadata(JsonObject invoice) {
        JsonObject details = object(object(invoice, "parent"), "subscription_details");
        return details.has("metadata") && details.get("metadata").isJsonObject() ? object(details, "metadata")
                : object(object(invoice, "subscription_details"), "metadata");
    }

    static String linePrice(JsonObject line) {
        return first(text(line, "price"), text(object(object(line, "pricing"), "price_details"), "price"),
                text(line, "plan"));
    }
}
