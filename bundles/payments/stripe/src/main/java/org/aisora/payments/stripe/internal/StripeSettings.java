package org.aisora.payments.stripe.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A configuration read once: what can be used is kept, everything else is a problem for health.
 * {@code fatal} is set when Stripe cannot be called at all (no key, a bad API base).
 */
record StripeSettings(String secretKey, List<String> webhookSecrets, String apiBase, String apiVersion,
                      ProductCatalog catalog, String successUrl, String cancelUrl, String portalReturnUrl,
                      int connectTimeoutMs, int requestTimeoutMs, String fatal, List<String> problems) {
    private static final Pattern API_VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.[a-z]+)?");

    static StripeSettings of(StripeConfig config) {
        List<String> problems = new ArrayList<>();
        String key = trim(config._secret_key());
        String fatal = key.isEmpty() ? "no secret key" : null;
        String apiBase = config.api_base();
        try {
            apiBase = baseUri(apiBase);
        } catch (IllegalArgumentException e) {
            fatal = "misconfigured: api.base must be an absolute http(s) URL without query";
        }
        List<String> secrets = new ArrayList<>();
        for (String secret : new String[] {config._webhook_secret(), config._webhook_secret_previous()}) {
            if (!trim(secret).isEmpty()) {
                secrets.add(trim(secret));
            }
        }
        if (secrets.isEmpty()) {
            problems.add("no webhook secret: no Stripe event can be verified");
        }
        String apiVersion = trim(config.api_version());
        if (!apiVersion.isEmpty() && !API_VERSION.matcher(apiVersion).matches()) {
            problems.add("api.version '" + apiVersion + "' is not a Stripe API version; the account default is used");
            apiVersion = "";
        }
        ProductCatalog catalog = ProductCatalog.parse(entries(config.products()));
        problems.addAll(catalog.problems());
        if (catalog.products().isEmpty()) {
            problems.add("no product configured: nothing can be bought");
        }
        String success = url(config.success_url(), "success.url", problems);
        String cancel = url(config.cancel_url(), "cancel.url", problems);
        String portal = trim(config.portal_return_url()).isEmpty() ? ""
                : url(config.portal_return_url(), "portal.return.url", problems);
        return new StripeSettings(key, List.copyOf(secrets), apiBase, apiVersion, catalog, success, cancel, portal,
                positive(config.connect_timeout_ms(), 10_000), positive(config.request_timeout_ms(), 30_000), fatal,
                List.copyOf(problems));
    }

    /** Why checkout cannot start, or null when it can. */
    String checkoutBlocker() {
        if (fatal != null) {
            return fatal;
        }
        return successUrl.isEmpty() || cancelUrl.isEmpty() ? "success.url and cancel.url must be set" : null;
    }

    /** Never prints a secret: records print their components. */
    @Override
    public String toString() {
        return "StripeSettings[apiBase=" + apiBase + ", apiVersion=" + apiVersion + ", products="
                + catalog.products().size() + ", webhookSecrets=" + webhookSecrets.size() + "]";
    }

    /** An absolute http(s) URL without query, fragment or trailing slash (stripe-java appends /v1/...). */
    private static String baseUri(String value) {
        URI uri = URI.create(value == null ? "" : value.trim().replaceAll("/+$", ""));
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("not an absolute http(s) URL without query: " + value);
        }
        return uri.toString();
    }

    /**
     * The values of a list attribute. A plain {@code .cfg} line carries one string, so a comma-separated
     * value counts as several entries; entries are trimmed and blank ones dropped.
     */
    private static List<String> entries(String[] values) {
        List<String> entries = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String entry : (value == null ? "" : value).split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    /** Stripe fills in {CHECKOUT_SESSION_ID}, so this is a prefix check rather than a URI parse. */
    private static String url(String value, String name, List<String> problems) {
        String url = trim(value);
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return url;
        }
        problems.add(name + (url.isEmpty() ? " is not set" : " is not an absolute http(s) URL"));
        return "";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static int positive(int value, int fallback) {
        return value > 0 ? value : fallback;
    }
}
