package org.aisora.payments.manual.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.payment.CheckoutRequest;
import org.aisora.api.payment.CheckoutSession;
import org.aisora.api.payment.PaymentCapabilities;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.payment.Product;
import org.aisora.api.plugin.PluginHealth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * No money moves here: an operator grants credits by hand, or confirms a local checkout
 * ({@code aisora:checkout-confirm}), so a deployment without a payment provider still sells packs and
 * plans. Its checkout only opens a pending session; the core applies the confirmation like any payment
 * event, exactly once.
 */
@Component(name = "org.aisora.payments.manual", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ManualPaymentConfig.class)
public final class ManualPaymentProcessor implements PaymentProcessor {
    /** The prefix of every session this processor opens; the console confirms sessions by it. */
    public static final String SESSION_PREFIX = "manual_";
    private static final PaymentCapabilities CAPABILITIES = new PaymentCapabilities(true, true);
    private static final Pattern LINE = Pattern.compile("([a-z0-9][a-z0-9._-]{0,63})=(credits|plan):([a-z0-9-]{1,32})(?::(.{1,80}))?");

    private volatile List<Product> products = List.of();
    private volatile String problems = "";

    public ManualPaymentProcessor() {
        this(null);
    }

    @Activate
    public ManualPaymentProcessor(ManualPaymentConfig config) {
        modified(config);
    }

    @Modified
    void modified(ManualPaymentConfig config) {
        List<Product> parsed = new ArrayList<>();
        StringBuilder bad = new StringBuilder();
        String[] lines = config == null ? new String[] {"pack-100=credits:100:100 credits", "pro=plan:pro:Pro plan"}
                : config.products();
        for (String raw : lines == null ? new String[0] : lines) {
            String line = raw == null ? "" : raw.trim();
            Matcher m = LINE.matcher(line.toLowerCase(Locale.ROOT));
            if (line.isEmpty()) {
                continue;
            }
            if (!m.matches() || m.group(2).equals("credits") && !m.group(3).matches("[1-9][0-9]{0,8}")) {
                bad.append(bad.length() == 0 ? "" : "; ").append("product '").append(line).append("' is malformed");
                continue;
            }
            boolean credits = m.group(2).equals("credits");
            String name = m.group(4) == null ? m.group(1) : line.substring(line.lastIndexOf(':') + 1);
            parsed.add(new Product(m.group(1), name, credits ? Long.parseLong(m.group(3)) : 0,
                    credits ? null : m.group(3), 0, "usd", null));
        }
        products = List.copyOf(parsed);
        problems = bad.toString();
    }

    @Override
    public String id() {
        return "manual";
    }

    @Override
    public PluginHealth health() {
        return problems.isEmpty() ? PluginHealth.online() : PluginHealth.degraded(problems);
    }

    @Override
    public PaymentCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<Product> products() {
        return products;
    }

    /** A pending local session: nothing is charged; an operator confirms it. */
    @Override
    public CheckoutSession checkout(CheckoutRequest request) {
        String session = SESSION_PREFIX + UUID.nameUUIDFromBytes(request.idempotencyKey().getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "");
        return new CheckoutSession(session, "aisora:manual-checkout/" + session, null);
    }
}
