package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.aisora.api.notify.Notification;
import org.aisora.api.notify.Notifier;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.service.Caller;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.ProfileChange;
import org.aisora.api.service.ThirdPartyView;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.storage.StoredBlob;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.accounts.ProfileServiceImpl;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.notify.MailDispatcher;
import org.aisora.core.internal.notify.MailOutboxImpl;
import org.aisora.moderation.openai.internal.OpenAiModerationConfig;
import org.aisora.moderation.openai.internal.OpenAiModerationEngine;
import org.aisora.payments.stripe.internal.StripeConfig;
import org.aisora.payments.stripe.internal.StripePaymentProcessor;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The acceptance of the complete third-party record: an account whose job runs at a vendor, whose prompt and
 * output go to OpenAI's
 * moderation (the real engine against a loopback OpenAI), whose media go to a store run by someone else, who
 * checks out with Stripe (the real adapter against a loopback Stripe) and is mailed through a relay, finds all
 * five in {@code GET /me} and in the export's {@code third-parties}; erasure deletes them and counts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThirdPartyFlowContract {
    static final String STORAGE_HOST = "objects.example.net";
    static final String RELAY_HOST = "smtp.relay.example.net";

    private TestPlatform platform;
    private PrivacyPlatform privacy;
    private FakeVendor openai;
    private FakeVendor stripe;
    private BillingServiceImpl billing;
    private ProfileServiceImpl profiles;
    private MailDispatcher mail;
    private final List<Notification> relayed = new CopyOnWriteArrayList<>();

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("signup_grant_credits", 100L));
        privacy = new PrivacyPlatform(platform);
        openai = new FakeVendor();
        openai.on("POST /v1/moderations", req -> Reply.json(200, "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\","
                + "\"results\":[{\"flagged\":false,\"categories\":{\"violence\":false},"
                + "\"category_scores\":{\"violence\":0.01}}]}"));
        platform.plugins().moderation.add(new OpenAiModerationEngine(TestConfig.of(OpenAiModerationConfig.class,
                Map.of("_api_key", "sk-test", "base_url", openai.baseUrl()))), Map.of());
        // the platform's own encrypted filesystem store, declared as run by a hosting company
        platform.plugins().storage.add(new HostedStore(platform.storage), Map.of());
        platform.plugins().providers.add(new VendorDouble(), Map.of());
        stripe = new FakeVendor();
        stripe.on("POST /v1/customers", req -> Reply.json(200, "{\"id\":\"cus_" + UUID.randomUUID().toString()
                .replace("-", "") + "\",\"object\":\"customer\"}"));
        stripe.on("POST /v1/checkout/sessions", req -> Reply.json(200, "{\"id\":\"cs_1\",\"object\":\"checkout.session\","
                + "\"url\":\"https://checkout.stripe.com/c/pay/cs_1\"}"));
        platform.plugins().payments.add(new StripePaymentProcessor(TestConfig.of(StripeConfig.class, Map.of(
                "_secret_key", "sk_test_tp", "_webhook_secret", "whsec_tp", "api_base", stripe.baseUrl(),
                "products", new String[] {"pack-100=credits:100:price_pack:500:usd"},
                "success_url", "https://app.example/ok", "cancel_url", "https://app.example/cancel",
                "portal_return_url", "https://app.example/billing"))), Map.of("service.ranking", 10));
        billing = new BillingServiceImpl(platform.db.billing(), platform.db.accounts(), platform.registry,
                (account, plan) -> 0, () -> PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE}), Clock.systemUTC());
        profiles = new ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(), platform.db.preferences(),
                platform.registry, platform.db.thirdParties(), new MailOutboxImpl(platform.db.outbox()), platform.reauth,
                Clock.systemUTC());
        mail = new MailDispatcher(platform.db.outbox(), () -> Optional.of(new Relay()), platform.registry::thirdParties,
                platform.settings(org.aisora.core.internal.notify.MailConfiguration.class), Clock.systemUTC(), false);
    }

    @AfterAll
    void stop() throws Exception {
        openai.close();
        stripe.close();
        platform.close();
    }

    @Test
    void theExportHasThirdPartiesWithModerationStoragePaymentAndMailEntries() throws Exception {
        Caller ann = platform.register("ann." + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                "1990-01-01");
        byte[] png = MediaFlowContract.png(64, 48);
        platform.media.upload(ann, new ByteArrayInputStream(png), "image/png", png.length);
        GenerationView job = platform.generations.submit(ann, new GenerationSubmission("text-to-image",
                "a lighthouse at dusk", null, null, 256, 256, null, null, VendorDouble.ID), null);
        platform.await(ann, job.id(), v -> v.status().equals("succeeded"));
        billing.checkout(ann, "pack-100", null);
        profiles.correct(ann, new ProfileChange(null, "ann.new." + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org", null, TestPlatform.PASSWORD));
        assertEquals(1, mail.runOnce());
        assertEquals(1, relayed.size());
        assertTrue(openai.requests("POST /v1/moderations").size() >= 2, "the prompt and the output were sent");

        Map<String, byte[]> zip = PrivacyPlatform.unzip(privacy.export(ann));
        JsonNode manifest = new ObjectMapper().readTree(zip.get("manifest.json"));
        assertTrue(manifest.get("categories").toString().contains("\"third-parties\""), manifest.toString());
        JsonNode lines = new ObjectMapper().readTree(zip.get("third-parties.json")).get("thirdParties");
        assertEquals(Map.of("provider", VendorDouble.VENDOR, "moderation", "OpenAI", "storage", STORAGE_HOST,
                "payment", "Stripe", "notifier", RELAY_HOST), vendorsByFamily(lines), lines.toString());
        assertEquals("deleted on request, else 30 days", line(lines, "provider").get("statedRetention").asText(),
                "the generation vendor as its provider states it");
        JsonNode moderation = line(lines, "moderation");
        assertEquals("[\"prompts\",\"generated images\"]", moderation.get("dataCategories").toString());
        assertTrue(moderation.get("statedRetention").asText().contains("30 days"));
        assertTrue(line(lines, "payment").get("dataCategories").toString().contains("e-mail address"));
        assertEquals("until we delete them", line(lines, "storage").get("statedRetention").asText());
        assertSchemaValid(zip);

        List<ThirdPartyView> me = profiles.profile(ann).thirdParties();
        assertEquals(5, me.size(), me.toString());
        for (ThirdPartyView v : me) {
            JsonNode exported = line(lines, v.family());
            assertEquals(v.vendor(), exported.get("vendor").asText());
            assertEquals(v.lastAt().toString(), exported.get("lastAt").asText(), "GET /me and the export agree");
            assertFalse(v.firstAt().isAfter(v.lastAt()));
        }

        // a second upload within the refresh interval costs no write: the storage line keeps its lastAt
        Instant storedAt = me.stream().filter(v -> v.family().equals("storage")).findFirst().orElseThrow().lastAt();
        platform.media.upload(ann, new ByteArrayInputStream(png), "image/png", png.length);
        assertEquals(storedAt, profiles.profile(ann).thirdParties().stream().filter(v -> v.family().equals("storage"))
                .findFirst().orElseThrow().lastAt());

        String id = ann.accountId();
        platform.db.jobs().deleteByOwner(id); // what the retention sweep does to expired jobs
        assertEquals(VendorDouble.VENDOR, profiles.profile(ann).thirdParties().stream()
                .filter(v -> v.family().equals("provider")).findFirst().orElseThrow().vendor(),
                "the record of the vendor outlives the job");
        assertEquals(5, platform.db.queryLong("SELECT COUNT(*) FROM account_third_parties WHERE account_id = ?", id),
                "the provider's line is recorded too, so it outlives the job");
        DeletionReceiptView receipt = privacy.privacy.deleteAccount(ann, PrivacyPlatform.PASSWORD, null, null);
        assertEquals(5L, receipt.counts().get("third-parties"), receipt.counts().toString());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM account_third_parties WHERE account_id = ?", id));
    }

    @Test
    void anAccountThatOnlyUsedOurOwnPluginsHasAnEmptyRecord() throws Exception {
        Caller bob = platform.register("bob." + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                "1990-01-01");
        assertEquals(List.of(), profiles.profile(bob).thirdParties());
        JsonNode lines = new ObjectMapper().readTree(PrivacyPlatform.unzip(privacy.export(bob))
                .get("third-parties.json")).get("thirdParties");
        assertEquals(0, lines.size());
    }

    private static Map<String, String> vendorsByFamily(JsonNode lines) {
        Map<String, String> out = new java.util.TreeMap<>();
        lines.forEach(l -> assertEquals(null, out.put(l.get("family").asText(), l.get("vendor").asText()),
                "one line per family here: " + lines));
        return out;
    }

    private static JsonNode line(JsonNode lines, String family) {
        for (JsonNode l : lines) {
            if (l.get("family").asText().equals(family)) {
                return l;
            }
        }
        throw new AssertionError("no " + family + " line in " + lines);
    }

    private void assertSchemaValid(Map<String, byte[]> zip) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode all = mapper.createObjectNode();
        zip.forEach((name, bytes) -> {
            if (name.endsWith(".json")) {
                try {
                    all.set(name, mapper.readTree(bytes));
                } catch (IOException e) {
                    throw new AssertionError(name + " is not JSON", e);
                }
            }
        });
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(privacy.privacy.exportSchema()).validate(all);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /** A relay elsewhere, as the SMTP notifier declares one; it keeps what it is handed. */
    private final class Relay implements Notifier {
        @Override
        public String id() {
            return "relay";
        }

        @Override
        public Optional<DataTransfer> dataTransfer() {
            return Optional.of(new DataTransfer(RELAY_HOST, "delivering e-mail to the account",
                    List.of("e-mail address", "message contents"), "as the relay's operator states in its terms"));
        }

        @Override
        public void send(Notification notification) {
            relayed.add(notification);
        }
    }

    /** The platform's filesystem store under its own id, declared as a storage service run by a third party. */
    private static final class HostedStore implements BlobStore {
        private final BlobStore disk;

        HostedStore(BlobStore disk) {
            this.disk = disk;
        }

        @Override
        public String id() {
            return disk.id();
        }

        @Override
        public Optional<DataTransfer> dataTransfer() {
            return Optional.of(new DataTransfer(STORAGE_HOST, "storing media files", List.of("media files"),
                    "until we delete them"));
        }

        @Override
        public BlobInfo put(String key, InputStream data, String contentType) throws IOException {
            return disk.put(key, data, contentType);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return disk.open(key);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return disk.exists(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            return disk.delete(key);
        }

        @Override
        public void list(Consumer<StoredBlob> each) throws IOException {
            disk.list(each);
        }

        @Override
        public boolean destroyOwnerKey(String ownerId) throws IOException {
            return disk.destroyOwnerKey(ownerId);
        }
    }
}
