package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.PrivacyService;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The acceptance of portability and erasure on the real core, stores and encrypted filesystem storage: an
 * export with every category, byte-identical media and schema-valid JSON; a deletion after which no table
 * (every table and text column, discovered) holds the user, no blob of theirs is left or decrypts, and the
 * receipt counts what was seeded; the receipt chain across deletions; expiry of receipts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PrivacyFlowContract {
    TestPlatform platform;
    PrivacyPlatform privacy;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("signup_grant_credits", 100L));
        privacy = new PrivacyPlatform(platform);
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    @Test
    void theExportHasEveryCategoryOriginalMediaAndFollowsThePublishedSchema() throws Exception {
        PrivacyPlatform.Seeded erin = privacy.seed(true);
        Map<String, byte[]> zip = PrivacyPlatform.unzip(privacy.export(erin.caller()));

        for (String file : List.of("manifest.json", "account.json", "preferences.json", "policy-acceptances.json",
                "credits.json", "payments.json", "generations.json", "media.json", "devices.json", "tokens.json",
                "audit.json", "notifications.json", "third-parties.json")) {
            assertTrue(zip.containsKey(file), file + " in " + zip.keySet());
        }
        for (Map.Entry<String, byte[]> f : erin.files().entrySet()) {
            String entry = zip.keySet().stream().filter(n -> n.startsWith("media/" + f.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("media/" + f.getKey() + " missing: " + zip.keySet()));
            assertArrayEquals(f.getValue(), zip.get(entry), entry + " is the original, byte for byte");
        }
        assertEquals(erin.files().size(), zip.keySet().stream().filter(n -> n.startsWith("media/")).count(),
                "uploads and generated outputs only; derivatives are listed, not shipped");

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
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(privacy.privacy.exportSchema());
        Set<ValidationMessage> errors = schema.validate(all);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(Files.readString(repoRoot().resolve("docs/export-schema/v1/export.schema.json")),
                privacy.privacy.exportSchema(), "the documented schema is the served one");

        JsonNode account = all.get("account.json");
        assertEquals(erin.email(), account.get("email").asText());
        assertEquals(erin.name(), account.get("name").asText());
        // signed up with 1990-01-01: only the year is kept, and no full date appears anywhere in the export
        assertEquals(1990, account.get("birthYear").asInt());
        assertFalse(account.has("birthDate"), account.toString());
        assertFalse(all.toString().contains("1990-01-01"), "the full birth date is not stored");
        JsonNode generation = all.get("generations.json").get("generations").get(0);
        assertEquals(erin.prompt(), generation.get("prompt").asText());
        assertEquals("builtin", generation.get("attempts").get(0).get("provider").asText());
        assertEquals(TestPlatform.POLICY, all.get("policy-acceptances.json").get("acceptances").get(0)
                .get("version").asText());
        assertEquals(200, all.get("credits.json").get("balance").asLong() + 5, "100 granted + 100 bought - 5 spent");
        assertEquals(1, all.get("payments.json").get("checkouts").size());
        assertEquals("pro", all.get("payments.json").get("subscription").get("plan").asText());
        assertEquals(2, all.get("devices.json").get("sessions").size());
        JsonNode device = all.get("devices.json").get("devices").get(0);
        assertEquals(erin.client().ip(), device.get("ip").asText(), "the device the user signed in from");
        assertEquals("Linux", device.get("os").asText());
        assertEquals("laptop", all.get("tokens.json").get("tokens").get(0).get("name").asText());
        assertTrue(all.get("audit.json").get("entries").size() >= 3, "sign-ins and the token: " + all.get("audit.json"));
        assertEquals(true, all.get("preferences.json").get("analyticsOptOut").asBoolean());
        assertEquals(erin.pendingEmail(), account.get("pendingEmail").asText());
        assertEquals(1, all.get("notifications.json").get("notifications").size(), "the verification mail");
        JsonNode kinds = all.get("media.json").get("media");
        List<String> seen = new ArrayList<>();
        kinds.forEach(m -> seen.add(m.get("kind").asText()));
        assertTrue(seen.containsAll(List.of("upload", "generated", "thumbnail", "rendition")), seen.toString());
        assertTrue(privacy.audited.contains("export " + erin.caller().accountId()), privacy.audited.toString());
    }

    @Test
    void deletionLeavesNoTraceKeepsPaymentsPseudonymisedAndTheReceiptCountsWhatWasSeeded() throws Exception {
        PrivacyPlatform.Seeded erin = privacy.seed(true);
        PrivacyPlatform.Seeded bob = privacy.seed(false);
        String id = erin.caller().accountId();
        TestStores db = platform.db;
        long media = db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", id);
        long renditions = db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ? AND kind = 'rendition'", id);
        long jobs = db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", id);
        long sessions = db.queryLong("SELECT COUNT(*) FROM sessions WHERE account_id = ?", id);
        long entries = db.queryLong("SELECT COUNT(*) FROM ledger_entries WHERE ledger_account LIKE ?", "user:" + id + ":%");
        long paymentEvents = db.queryLong("SELECT COUNT(*) FROM payment_events");
        long transactions = db.queryLong("SELECT COUNT(*) FROM ledger_transactions");
        String keptSubscriptions = "SELECT COUNT(*) FROM subscriptions WHERE plan = 'pro' AND account_id NOT IN"
                + " (SELECT id FROM accounts)";
        long kept = db.queryLong(keptSubscriptions);
        Path blob = platform.blobs.resolve(erin.uploadKey());
        byte[] copiedAside = Files.readAllBytes(blob);
        assertTrue(renditions >= 1, "the video was rendered");

        AisoraException refused = assertThrows(AisoraException.class,
                () -> privacy.privacy.deleteAccount(erin.caller(), "not the password", null, PrivacyPlatform.CLIENT));
        assertEquals("invalid_password", refused.code());
        assertEquals(media, db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", id), "nothing changed");

        DeletionReceiptView receipt = privacy.privacy.deleteAccount(erin.caller(), PrivacyPlatform.PASSWORD, null,
                PrivacyPlatform.CLIENT);

        assertEquals(media, receipt.counts().get("media"));
        assertEquals(renditions, receipt.counts().get("media.rendition"));
        assertEquals(jobs, receipt.counts().get("generations"));
        assertEquals(sessions, receipt.counts().get("sessions"));
        assertEquals(2L, sessions, "the seed signed in twice");
        assertEquals(entries, receipt.counts().get("credits"));
        assertEquals(3L, receipt.counts().get("payments"), "a checkout, an event, a subscription");
        assertEquals(1L, receipt.counts().get("account"));
        assertTrue(receipt.cryptoShredded());
        assertTrue(receipt.id().length() >= 22, "at least 128 random bits");
        assertTrue(privacy.audited.contains("account_deleted " + receipt.id()), privacy.audited.toString());

        assertEquals(1L, receipt.counts().get("tokens"));
        assertEquals(1L, receipt.counts().get("devices"));
        assertEquals(1L, receipt.counts().get("preferences"));
        assertEquals(1L, receipt.counts().get("notifications"), "the queued verification mail");
        assertEquals(1L, receipt.counts().get("policy-acceptances"));
        assertEquals(0L, receipt.counts().get("third-parties"), "only the platform's own plugins were used");
        assertTrue(receipt.counts().get("audit") >= 3, receipt.counts().toString());
        List<String> found = privacy.scan(List.of(erin.email(), erin.name(), erin.contact(), id, erin.prompt(),
                erin.client().ip(), erin.pendingEmail()));
        assertTrue(found.isEmpty(), "rows still holding the user: " + found);
        assertEquals(paymentEvents, db.queryLong("SELECT COUNT(*) FROM payment_events"), "payment records kept");
        assertEquals(transactions, db.queryLong("SELECT COUNT(*) FROM ledger_transactions"), "ledger kept");
        assertEquals(List.of(), db.ledger().audit(), "every ledger invariant still holds");
        assertEquals(kept + 1, db.queryLong(keptSubscriptions), "the subscription is kept under a pseudonym");

        try (Stream<Path> files = Files.walk(platform.blobs)) {
            assertEquals(List.of(), files.filter(p -> p.toString().contains(id)).toList(), "no blob or key of theirs");
        }
        Files.createDirectories(blob.getParent());
        Files.write(blob, copiedAside);
        assertThrows(IOException.class, () -> platform.storage.open(erin.uploadKey()).readAllBytes(),
                "a copy taken before the deletion no longer decrypts");
        Files.delete(blob);

        assertThrows(AisoraException.class, () -> platform.accounts.login(erin.email(), PrivacyPlatform.PASSWORD, null));
        assertFalse(platform.accounts.authenticate("as_unknown").isPresent());
        for (Map.Entry<String, byte[]> f : bob.files().entrySet()) {
            try (var in = platform.media.content(bob.caller(), f.getKey()).open()) {
                assertArrayEquals(f.getValue(), in.readAllBytes(), "another user's media are untouched");
            }
        }
    }

    @Test
    void receiptsChainAcrossDeletionsAreRetrievableFor30DaysAndAMinorIsPurged() throws Exception {
        PrivacyPlatform.Seeded first = privacy.seed(false);
        PrivacyPlatform.Seeded second = privacy.seed(false);
        DeletionReceiptView a = privacy.privacy.deleteAccount(first.caller(), PrivacyPlatform.PASSWORD, null, null);
        DeletionReceiptView b = privacy.privacy.deleteByEmail(second.email().toUpperCase(),
                PrivacyService.Reason.UNDER_MINIMUM_AGE);
        assertEquals("user_request", a.reason());
        assertEquals("under_minimum_age", b.reason());
        PrivacyService.ChainVerification chain = privacy.privacy.verifyReceiptChain();
        assertTrue(chain.intact(), chain.toString());
        assertEquals(b.hash(), chain.headHash());
        assertEquals(a.hash(), b.prevHash(), "each receipt links to the one before");
        assertNotEquals(a.hash(), b.hash());

        assertEquals(a, privacy.privacy.receipt(a.id()));
        assertThrows(AisoraException.class, () -> privacy.privacy.receipt("../" + a.id()));
        assertThrows(AisoraException.class, () -> privacy.privacy.receipt("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThrows(AisoraException.class, () -> privacy.privacy.deleteByEmail(second.email(),
                PrivacyService.Reason.ADMIN_REQUEST), "gone: 404");

        privacy.clock.advance(Duration.ofDays(30).minusMinutes(1));
        assertNotNull(privacy.privacy.receipt(b.id()));
        privacy.clock.advance(Duration.ofMinutes(2));
        assertEquals("not_found", assertThrows(AisoraException.class, () -> privacy.privacy.receipt(b.id())).code());
        privacy.clock.advance(Duration.ofDays(-30));

        try (Connection c = platform.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE deletion_receipts SET content = REPLACE(content,"
                     + " '\"account\":1', '\"account\":0') WHERE id = ?")) {
            ps.setString(1, a.id());
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals(a.id(), privacy.privacy.verifyReceiptChain().firstBrokenId(), "an edited receipt breaks the chain");
        try (Connection c = platform.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE deletion_receipts SET content = REPLACE(content,"
                     + " '\"account\":0', '\"account\":1') WHERE id = ?")) {
            ps.setString(1, a.id());
            ps.executeUpdate();
        }
        assertTrue(privacy.privacy.verifyReceiptChain().intact());
    }

    @Test
    void withoutPasswordOnlyAFreshSessionMayDelete() throws Exception {
        PrivacyPlatform.Seeded erin = privacy.seed(false);
        String token = platform.accounts.login(erin.email(), PrivacyPlatform.PASSWORD, null).token();
        AisoraException stale = assertThrows(AisoraException.class,
                () -> privacy.privacy.deleteAccount(erin.caller(), null, "as_not_a_session", null));
        assertEquals("reauthentication_required", stale.code());
        privacy.clock.advance(Duration.ofMinutes(11));
        try {
            assertEquals("reauthentication_required", assertThrows(AisoraException.class,
                    () -> privacy.privacy.deleteAccount(erin.caller(), null, token, null)).code(),
                    "a session older than ten minutes needs the password");
        } finally {
            privacy.clock.advance(Duration.ofMinutes(-11));
        }
        DeletionReceiptView receipt = privacy.privacy.deleteAccount(erin.caller(), null, token, null);
        assertEquals(1L, receipt.counts().get("account"));
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/export-schema"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
