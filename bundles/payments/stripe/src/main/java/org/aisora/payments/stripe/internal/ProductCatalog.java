package org.aisora.payments.stripe.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.payment.Product;

/**
 * The products configured as {@code id=credits:100:price_123:500:usd} or {@code id=plan:pro:price_456:1500:usd}
 * (an optional {@code :Display name} may follow). Lines that cannot be used are reported, not guessed at.
 */
final class ProductCatalog {
    private static final Pattern LINE = Pattern.compile(
            "([a-z0-9][a-z0-9._-]{0,63})\\s*=\\s*(credits|plan):([^:]*):([^:]*):([^:]*):([^:]*)(?::(.*))?");
    private static final Pattern PLAN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern PRICE = Pattern.compile("[A-Za-z0-9_]{1,200}");
    private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");

    private final Map<String, Product> byId;
    private final List<String> problems;

    private ProductCatalog(Map<String, Product> byId, List<String> problems) {
        this.byId = byId;
        this.problems = problems;
    }

    static ProductCatalog parse(List<String> lines) {
        Map<String, Product> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            String problem;
            try {
                Product product = product(line.trim());
                problem = byId.putIfAbsent(product.id(), product) == null ? null : "product '" + product.id()
                        + "' is configured twice; the first line wins";
            } catch (IllegalArgumentException e) {
                problem = "product line '" + line.trim() + "': " + e.getMessage();
            }
            if (problem != null) {
                problems.add(problem);
            }
        }
        return new ProductCatalog(Map.copyOf(byId), List.copyOf(problems));
    }

    private static Product product(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected id=credits|plan:CREDITS-or-PLAN:PRICE_ID:AMOUNT_MINOR:CURRENCY");
        }
        String id = m.group(1);
        boolean plan = "plan".equals(m.group(2));
        String grant = m.group(3).trim();
        String price = m.group(4).trim();
        String currency = m.group(6).trim().toLowerCase(Locale.ROOT);
        long amount = number(m.group(5).trim(), "amount", 0);
        if (!PRICE.matcher(price).matches()) {
            throw new IllegalArgumentException("'" + price + "' is not a Stripe price id");
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("'" + currency + "' is not a three-letter currency code");
        }
        if (plan && !PLAN.matcher(grant).matches()) {
            throw new IllegalArgumentException("'" + grant + "' is not a plan name");
        }
        long credits = plan ? 0 : number(grant, "credits", 1);
        String name = m.group(7) == null || m.group(7).isBlank() ? (plan ? grant + " plan" : credits + " credits")
                : m.group(7).trim();
        return new Product(id, name, credits, plan ? grant : null, amount, currency, price);
    }

    private static long number(String text, String what, long min) {
        try {
            long value = Long.parseLong(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not a whole number of at least " + min);
    }

    List<Product> products() {
        return byId.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    Optional<Product> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    Optional<Product> byPrice(String priceId) {
        return priceId == null ? Optional.empty()
                : byId.values().stream().filter(p -> p.externalPriceId().equals(priceId)).findFirst();
    }

    List<String> problems() {
        return problems;
    }
}
