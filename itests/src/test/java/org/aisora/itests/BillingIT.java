package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.http.HttpService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Checkout to credits end to end in the real distribution: the Stripe processor (installed and configured
 * like an operator does) talks to a servlet in the container speaking the Stripe API paths it uses;
 * webhooks are signed by the test with Stripe's algorithm and posted to the public webhook endpoint.
 */
public class BillingIT extends AisoraKarafTestSupport {
    private static final String SECRET = "whsec_it_" + UUID.randomUUID();
    private static final Map<String, String> SUBSCRIPTIONS = new ConcurrentHashMap<>();

    /** POST /v1/customers, POST /v1/checkout/sessions, GET /v1/subscriptions/{id} as Stripe answers them. */
    static final class FakeStripe extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getInputStream().readAllBytes();
            String path = req.getPathInfo() == null ? "" : req.getPathInfo();
            resp.setContentType("application/json");
            String id = UUID.randomUUID().toString().replace("-", "");
            if (!("Bearer sk_test_it").equals(req.getHeader("Authorization"))) {
                resp.setStatus(401);
                resp.getWriter().write("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad key\"}}");
            } else if (path.equals("/v1/customers")) {
                resp.getWriter().write("{\"id\":\"cus_" + id + "\",\"object\":\"customer\"}");
            } else if (path.equals("/v1/checkout/sessions")) {
                resp.getWriter().write("{\"id\":\"cs_" + id + "\",\"object\":\"checkout.session\","
                        + "\"url\":\"https://checkout.stripe.com/c/pay/cs_" + id + "\"}");
            } else if (path.startsWith("/v1/subscriptions/")) {
                String sub = path.substring("/v1/subscriptions/".length());
                String[] state = SUBSCRIPTIONS.getOrDefault(sub, "active|").split("\\|", 2);
                resp.getWriter().write(subscription(sub, state[1], state[0]));
            } else {
                resp.setStatus(404);
                resp.getWriter().write("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no route\"}}");
            }
        }
    }

    static String subscription(String sub, String account, String status) {
        return "{\"id\":\"" + sub + "\",\"object\":\"subscription\",\"status\":\"" + status + "\",\"customer\":\"cus_1\","
                + "\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                + "\"items\":{\"data\":[{\"price\":{\"id\":\"price_pro\"}}]}}";
    }

    static String event(String type, String object) {
        return "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }

    private int webhook(String body, boolean signed) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        long t = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((signed ? SECRET : "whsec_wrong").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(apiBase() + "/billing/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(raw)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private long balance(Journey user) {
        return http("GET", "/credits", null, user.token).json().get("balance").asLong();
    }

    @Test
    public void checkoutThenWebhookCreditsOnceAndASubscriptionComesAndGoes() throws Exception {
        ServiceTracker<HttpService, HttpService> tracker = new ServiceTracker<>(bundleContext, HttpService.class, null);
        tracker.open();
        tracker.waitForService(30_000).registerServlet("/fake-stripe", new FakeStripe(), null, null);
        Files.writeString(Path.of(System.getProperty("karaf.etc"), "org.aisora.payments.stripe.cfg"),
                ".secret.key = sk_test_it\n.webhook.secret = " + SECRET + "\napi.base = http://localhost:"
                        + System.getProperty(HTTP_PORT) + "/fake-stripe\n"
                        + "products = stripe-pack=credits:100:price_pack:500:usd, pro=plan:pro:price_pro:1500:usd\n"
                        + "success.url = https://app.example/ok\ncancel.url = https://app.example/cancel\n"
                        + "portal.return.url = https://app.example/billing\nservice.ranking = 10\n");
        executeCommand("feature:install aisora-payment-stripe");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!get("/billing/products").body().contains("stripe-pack")) { // not the manual processor's products
            assertTrue("the Stripe products never showed", System.nanoTime() < deadline);
            sleep(Duration.ofMillis(250));
        }
        // the feature brings Stripe's library; it resolves only with com.sun.net.httpserver from the system bundle
        Bundle stripeJava = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "stripe-java".equals(b.getSymbolicName())).findFirst().orElse(null);
        assertTrue("stripe-java is installed with aisora-payment-stripe", stripeJava != null);
        assertEquals("stripe-java is active", Bundle.ACTIVE, stripeJava.getState());

        Journey ann = Journey.signUp(this, "buyer");
        long start = balance(ann);
        HttpResult checkout = http("POST", "/billing/checkout", Map.of("product", "stripe-pack"), ann.token);
        assertEquals(checkout.toString(), 200, checkout.status());
        assertTrue(checkout.json().get("checkoutUrl").asText().startsWith("https://checkout.stripe.com/"));
        String account = http("GET", "/me", null, ann.token).json().get("id").asText();

        String paid = event("checkout.session.completed", "{\"id\":\"cs_paid_" + account + "\",\"object\":\"checkout.session\","
                + "\"mode\":\"payment\",\"payment_status\":\"paid\",\"amount_total\":500,\"currency\":\"usd\","
                + "\"client_reference_id\":\"" + account + "\",\"metadata\":{\"account_id\":\"" + account
                + "\",\"product\":\"stripe-pack\"}}");
        assertEquals(400, webhook(paid, false));
        assertEquals("a refused webhook writes nothing", start, balance(ann));
        assertEquals(200, webhook(paid, true));
        assertEquals(200, webhook(paid, true));
        assertEquals("credited once", start + 100, balance(ann));

        String sub = "sub_" + account.replace("-", "");
        SUBSCRIPTIONS.put(sub, "active|" + account);
        assertEquals(200, webhook(event("invoice.paid", "{\"id\":\"in_" + sub + "\",\"object\":\"invoice\",\"subscription\":\""
                + sub + "\",\"amount_paid\":1500,\"currency\":\"usd\",\"metadata\":{\"account_id\":\"" + account
                + "\",\"product\":\"pro\"},\"lines\":{\"data\":[{\"price\":{\"id\":\"price_pro\"}}]}}"), true));
        JsonNode pro = http("GET", "/subscription", null, ann.token).json();
        assertEquals(pro.toString(), "pro", pro.get("plan").asText());
        assertEquals("the pro plan's monthly credits", start + 100 + 2000, balance(ann));

        SUBSCRIPTIONS.put(sub, "canceled|" + account);
        assertEquals(200, webhook(event("customer.subscription.deleted", subscription(sub, account, "canceled")), true));
        assertEquals("free", http("GET", "/subscription", null, ann.token).json().get("plan").asText());
        assertTrue(executeCommand("aisora:ledger-audit").contains("OK"));
        tracker.close();
    }
}
