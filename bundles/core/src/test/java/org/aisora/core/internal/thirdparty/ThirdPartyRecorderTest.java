package org.aisora.core.internal.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.service.ThirdPartyView;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.ThirdPartyRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The recorder on the real store (H2): hourly writes per line, declarations cut to size, the merged view. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private TestStores db;

    @BeforeAll
    void boot() {
        db = TestStores.h2();
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private String account() {
        String id = UUID.randomUUID().toString();
        db.accounts().insert(new AccountRecord(id, id + "@example.org", "Ann", null, "$argon2id$x", 1990,
                "user", "free", "2026-11-01", T0));
        return id;
    }

    private static Engine engine(String id, DataTransfer transfer) {
        return new Engine(id, transfer);
    }

    @Test
    void aLineIsWrittenAtMostHourlyUnlessTheDeclarationChanges() {
        String ann = account();
        MutableClock clock = new MutableClock(T0);
        ThirdPartyRecorder recorder = new ThirdPartyRecorder(db.thirdParties(), clock);
        DataTransfer openai = new DataTransfer("OpenAI", "moderation", List.of("prompts"), "30 days");

        recorder.sent(ann, PluginFamily.MODERATION, engine("openai", openai));
        clock.advance(Duration.ofMinutes(59));
        recorder.sent(ann, PluginFamily.MODERATION, engine("openai", openai));
        assertEquals(T0, only(ann).lastAt(), "within the hour: no write");

        clock.advance(Duration.ofMinutes(2));
        recorder.sent(ann, PluginFamily.MODERATION, engine("openai", openai));
        assertEquals(T0.plus(Duration.ofMinutes(61)), only(ann).lastAt());

        clock.advance(Duration.ofMinutes(1));
        recorder.sent(ann, PluginFamily.MODERATION, engine("openai", new DataTransfer("OpenAI", "moderation",
                List.of("prompts", "images"), "30 days")));
        assertEquals(List.of("prompts", "images"), only(ann).dataCategories(), "a new declaration is written at once");
        assertEquals(T0, only(ann).firstAt());
    }

    @Test
    void ourOwnPluginsAreNotRecordedAndAFailingDeclarationIsRecordedAsUnknown() {
        String ann = account();
        ThirdPartyRecorder recorder = new ThirdPartyRecorder(db.thirdParties(), new MutableClock(T0));
        recorder.sent(ann, PluginFamily.MODERATION, engine("rules", null));
        assertEquals(List.of(), db.thirdParties().byAccount(ann));

        recorder.sent(ann, PluginFamily.MODERATION, new Engine("broken", null) {
            @Override
            public Optional<DataTransfer> dataTransfer() {
                throw new IllegalStateException("cannot say");
            }
        });
        ThirdPartyRecord line = only(ann);
        assertEquals("broken", line.vendor());
        assertEquals("unknown", line.statedRetention());
        ThirdPartyRecorder.NONE.sent(ann, PluginFamily.MODERATION, engine("openai", new DataTransfer("OpenAI", "m",
                List.of(), "")));
        assertEquals(1, db.thirdParties().byAccount(ann).size(), "NONE records nothing");
    }

    @Test
    void declarationsAreCutToTheColumnsAndCategoriesKeepNoLineBreaks() {
        String ann = account();
        ThirdPartyRecorder recorder = new ThirdPartyRecorder(db.thirdParties(), new MutableClock(T0));
        recorder.sent(ann, PluginFamily.MODERATION, engine("long", new DataTransfer("V".repeat(300), "P".repeat(300),
                List.of("line one\nline two", "line one line two", " ", "x".repeat(2000)), "R".repeat(900))));
        ThirdPartyRecord line = only(ann);
        assertEquals(200, line.vendor().length());
        assertEquals(200, line.purpose().length());
        assertEquals(500, line.statedRetention().length());
        assertEquals(List.of("line one line two"), line.dataCategories(), "one category, once; the oversized one left out");
    }

    @Test
    void onlyAThirdPartysStoreIsWrappedAndItRecordsEachPutForTheOwner() throws Exception {
        String ann = account();
        ThirdPartyRecorder recorder = new ThirdPartyRecorder(db.thirdParties(), new MutableClock(T0));
        Store own = new Store(null);
        assertSame(own, recorder.recording(own, ann));
        BlobStore hosted = recorder.recording(new Store(new DataTransfer("objects.example.net", "storing media files",
                List.of("media files"), "until we delete them")), ann);
        assertEquals(List.of(), db.thirdParties().byAccount(ann), "nothing until a put");
        hosted.put(ann + "/up/x.png", new ByteArrayInputStream(new byte[] {1}), "image/png");
        assertEquals("objects.example.net", only(ann).vendor());
        assertEquals("storage", only(ann).family());
    }

    @Test
    void theViewMergesLinesOfOneVendorAndPurposeAcrossPlugins() {
        String ann = account();
        db.thirdParties().record(new ThirdPartyRecord(ann, "storage", "s3-a", "objects.example.net", "storing media",
                List.of("media files"), "old terms", T0, T0));
        db.thirdParties().record(new ThirdPartyRecord(ann, "storage", "s3-b", "objects.example.net", "storing media",
                List.of("media files", "thumbnails"), "new terms", T0.plusSeconds(60), T0.plusSeconds(60)));
        db.thirdParties().record(new ThirdPartyRecord(ann, "payment", "stripe", "Stripe", "payments", List.of(), "",
                T0.plusSeconds(30), T0.plusSeconds(30)));
        List<ThirdPartyView> view = ThirdParties.of(db.thirdParties(), ann);
        assertEquals(List.of(new ThirdPartyView("storage", "objects.example.net", "storing media",
                        List.of("media files", "thumbnails"), "new terms", T0, T0.plusSeconds(60)),
                new ThirdPartyView("payment", "Stripe", "payments", List.of(), "", T0.plusSeconds(30),
                        T0.plusSeconds(30))), view);
    }

    private ThirdPartyRecord only(String accountId) {
        List<ThirdPartyRecord> lines = db.thirdParties().byAccount(accountId);
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    private static class Engine implements ModerationEngine {
        private final String id;
        private final DataTransfer transfer;

        Engine(String id, DataTransfer transfer) {
            this.id = id;
            this.transfer = transfer;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Optional<DataTransfer> dataTransfer() {
            return Optional.ofNullable(transfer);
        }

        @Override
        public ModerationVerdict moderateText(String text) {
            return ModerationVerdict.allow();
        }
    }

    /** A store that keeps nothing: only the recording around its put is under test. */
    private static final class Store implements BlobStore {
        private final DataTransfer transfer;

        Store(DataTransfer transfer) {
            this.transfer = transfer;
        }

        @Override
        public String id() {
            return "store";
        }

        @Override
        public Optional<DataTransfer> dataTransfer() {
            return Optional.ofNullable(transfer);
        }

        @Override
        public BlobInfo put(String key, InputStream data, String contentType) {
            return new BlobInfo(id(), key, 1, "00".repeat(32));
        }

        @Override
        public InputStream open(String key) {
            return InputStream.nullInputStream();
        }

        @Override
        public boolean exists(String key) {
            return false;
        }

        @Override
        public boolean delete(String key) {
            return false;
        }
    }
}
