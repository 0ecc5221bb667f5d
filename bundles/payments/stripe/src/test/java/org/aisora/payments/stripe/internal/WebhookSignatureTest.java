package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.Stripes.NOW;
import static org.aisora.payments.stripe.internal.Stripes.PREVIOUS_SECRET;
import static org.aisora.payments.stripe.internal.Stripes.WEBHOOK_SECRET;
import static org.aisora.payments.stripe.internal.Stripes.signed;
import static org.aisora.payments.stripe.internal.Stripes.utf8;
import static org.aisora.payments.stripe.internal.Stripes.v1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
    private static final byte[] BODY = utf8(Stripes.event("evt_1", "customer.created",
            "{\"id\":\"cus_1\",\"object\":\"customer\",\"email\":\"a@example.org\"}"));

    private final StripePaymentProcessor stripe = Stripes.processor(Map.of());

    @Test
    void aCorrectlySignedFreshEventIsAccepted() throws Exception {
        PaymentEvent event = stripe.verifyWebhook(BODY, signed(BODY, NOW));

        assertEquals("evt_1", event.eventId());
        assertEquals(PaymentEvent.Type.IGNORED, event.type());
    }

    @Test
    void theHeaderNameIsCaseInsensitive() throws Exception {
        String value = "t=" + NOW + ",v1=" + v1(WEBHOOK_SECRET, NOW, BODY);

        assertEquals("evt_1", stripe.verifyWebhook(BODY, Map.of("Stripe-Signature", value)).eventId());
        assertEquals("evt_1", stripe.verifyWebhook(BODY, Map.of("STRIPE-SIGNATURE", value)).eventId());
    }

    @Test
    void aMissingHeaderIsInvalid() {
        assertInvalid(BODY, Map.of("Content-Type", "application/json"));
        assertInvalid(BODY, Map.of("Stripe-Signature", ""));
    }

    @Test
    void aWrongSignatureIsInvalid() {
        assertInvalid(BODY, Map.of("Stripe-Signature", "t=" + NOW + ",v1=" + v1("whsec_someone_else", NOW, BODY)));
        assertInvalid(BODY, Map.of("Stripe-Signature", "t=" + NOW + ",v1=" + "00".repeat(32)));
        assertInvalid(BODY, Map.of("Stripe-Signature", "t=" + NOW + ",v1=not-hex"));
    }

    @Test
    void theSameJsonWithDifferentWhitespaceIsInvalid() {
        byte[] reserialised = utf8(new String(BODY, java.nio.charset.StandardCharsets.UTF_8).replace(",", ", "));
        assertTrue(reserialised.length > BODY.length);

        assertInvalid(reserialised, signed(BODY, NOW));
    }

    @Test
    void theSignatureCoversTheTimestamp() {
        String signature = v1(WEBHOOK_SECRET, NOW, BODY);

        assertInvalid(BODY, Map.of("Stripe-Signature", "t=" + (NOW - 1) + ",v1=" + signature));
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301, -86_400, 86_400})
    void aTimestampMoreThan300SecondsAwayEitherWayIsInvalid(long offset) {
        PaymentException e = assertInvalid(BODY, signed(BODY, NOW + offset));

        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, -299, 0, 299, 300})
    void aTimestampWithin300SecondsEitherWayIsAccepted(long offset) throws Exception {
        assertEquals("evt_1", stripe.verifyWebhook(BODY, signed(BODY, NOW + offset)).eventId());
    }

    @Test
    void anyV1MatchingAnyConfiguredSecretIsAcceptedDuringRotation() throws Exception {
        StripePaymentProcessor rotating = Stripes.processor(Map.of("_webhook_secret_previous", PREVIOUS_SECRET));
        long t = NOW - 299;
        String both = "t=" + t + ",v1=" + v1(PREVIOUS_SECRET, t, BODY) + ",v1=" + v1(WEBHOOK_SECRET, t, BODY)
                + ",v0=" + "ab".repeat(32);
        String previousOnly = "t=" + t + ",v1=" + "11".repeat(32) + ",v1=" + v1(PREVIOUS_SECRET, t, BODY);

        assertEquals("evt_1", rotating.verifyWebhook(BODY, Map.of("Stripe-Signature", both)).eventId());
        assertEquals("evt_1", rotating.verifyWebhook(BODY, Map.of("Stripe-Signature", previousOnly)).eventId());
        assertEquals("evt_1", stripe.verifyWebhook(BODY, Map.of("Stripe-Signature", both)).eventId());
        assertInvalid(BODY, Map.of("Stripe-Signature", previousOnly)); // not configured on this instance
    }

    @Test
    void onlyV1CountsAndTheHeaderMustHaveOneTimestamp() {
        String sig = v1(WEBHOOK_SECRET, NOW, BODY);

        assertInvalid(BODY, Map.of("Stripe-Signature", "t=" + NOW + ",v0=" + sig));
        assertInvalid(BODY, Map.of("Stripe-Signature", "v1=" + sig));
        assertInvalid(BODY, Map.of("Stripe-Signature", "t=" + NOW + ",t=" + NOW + ",v1=" + sig));
        assertInvalid(BODY, Map.of("Stripe-Signature", "t=soon,v1=" + sig));
    }

    @Test
    void withoutAWebhookSecretNothingVerifies() {
        StripePaymentProcessor unset = Stripes.processor(Map.of("_webhook_secret", ""));

        PaymentException e = assertThrows(PaymentException.class, () -> unset.verifyWebhook(BODY, signed(BODY, NOW)));
        assertEquals("invalid_signature", e.code());
    }

    @Test
    void aSignedBodyThatIsNotJsonIsAProcessorErrorNotAForgery() {
        byte[] body = utf8("<html>");

        PaymentException e = assertThrows(PaymentException.class, () -> stripe.verifyWebhook(body, signed(body, NOW)));
        assertEquals("processor_error", e.code());
    }

    private PaymentException assertInvalid(byte[] body, Map<String, String> headers) {
        PaymentException e = assertThrows(PaymentException.class, () -> stripe.verifyWebhook(body, headers));
        assertEquals("invalid_signature", e.code());
        return e;
    }
}
