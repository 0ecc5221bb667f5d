package org.aisora.core.internal.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.store.DeletionReceiptRecord;
import org.aisora.api.store.DeletionReceiptStore;
import org.junit.jupiter.api.Test;

/** The receipt's canonical content and hash, and the little JSON they are written in. */
class ReceiptsTest {
    private static final Instant AT = Instant.parse("2026-11-29T12:00:00.123Z");

    @Test
    void canonicalJsonSortsKeysEscapesAndReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1L, 2.5, true, "x"));
        value.put("a", "quote \" back \\ line\n tab\t ctrl\u0001 ü");
        value.put("m", null);
        String text = Json.canonical(value);
        assertEquals("{\"a\":\"quote \\\" back \\\\ line\\n tab\\t ctrl\\u0001 ü\",\"m\":null,"
                + "\"z\":[1,2.5,true,\"x\"]}", text);
        assertEquals(Map.of("a", value.get("a"), "z", value.get("z")),
                withoutNulls(Json.parse(text)));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} trailing"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Object parsed) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) parsed);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    @Test
    void theHashIsSha256OfThePreviousHashAndTheContent() throws Exception {
        ErasureProgress progress = new ErasureProgress();
        progress.counts.put("media", 3L);
        progress.details.put("media.upload", 1L);
        progress.thirdParties.add(new DeletionReceiptView.ThirdPartyDeletion("openai", "OpenAI", "not_supported", 2));
        DeletionReceiptRecord r = Receipts.link("rid", 1, DeletionReceiptStore.GENESIS, AT, AT.plusSeconds(60),
                "user_request", progress, true);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((DeletionReceiptStore.GENESIS + r.content()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, r.hash());
        assertTrue(r.content().startsWith("{\"counts\":{\"media\":3,\"media.upload\":1},\"createdAt\":"), r.content());

        DeletionReceiptView view = Receipts.view(r);
        assertEquals(Map.of("media", 3L, "media.upload", 1L), view.counts());
        assertEquals(progress.thirdParties, view.thirdParties());
        assertEquals("user_request", view.reason());
        assertTrue(view.cryptoShredded());

        DeletionReceiptRecord other = Receipts.link("rid", 1, "1".repeat(64), AT, AT.plusSeconds(60),
                "user_request", progress, true);
        assertEquals(r.content(), other.content());
        assertNotEquals(r.hash(), other.hash(), "the same content on another chain hashes differently");
    }

    @Test
    void progressSurvivesItsTextForm() {
        ErasureProgress p = new ErasureProgress();
        ErasureContext c = new ErasureContext("pseudo", AT);
        c.detail("media.rendition", 2);
        c.thirdParty(new DeletionReceiptView.ThirdPartyDeletion("runway", "Runway \"AI\"", "pending", 1));
        p.finished("media", 5, c);
        ErasureProgress back = ErasureProgress.parse(p.text());
        assertEquals(p.counts, back.counts);
        assertEquals(p.details, back.details);
        assertEquals(p.thirdParties, back.thirdParties);
        assertTrue(back.done("media"));
        assertEquals(0, ErasureProgress.parse(null).counts.size());
    }
}
