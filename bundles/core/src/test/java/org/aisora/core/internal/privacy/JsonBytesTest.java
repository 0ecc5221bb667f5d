package org.aisora.core.internal.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.store.DeletionReceiptRecord;
import org.aisora.api.store.DeletionReceiptStore;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of the canonical form (what a receipt's hash covers) and of the export's JSON files, pinned
 * from the hand-written writer the core had before Jackson: escapes (six-character lower-case hex escapes for every control
 * character but tab, line feed and carriage return; no escaping of {@code /} or of anything above ASCII), numbers
 * (integral values without a fraction, non-finite ones as null), instants and dates as ISO-8601 strings, nulls kept,
 * keys sorted by {@link String#compareTo} at every depth. A receipt written today hashes as one written before.
 */
class JsonBytesTest {
    private static final String CANONICAL = "{\"Zfirst\":\"upper case sorts before lower case\",\"controls\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n\\u000b\\u000c\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\",\"empty\":\"\",\"nested\":[{\"B\":false,\"_\":{},\"a\":true,\"z\":null,\"\u00e9\":[]},null,[]],\"numbers\":[0,-7,2147483647,-9223372036854775808,2.5,1,0,1.0E-7,123456.789,null,null,0.10000000149011612,12.5,3,4,-2],\"text\":\"slash / lt < gt > amp & apos ' quote \\\" back \\\\ del \u007f\",\"time\":[\"2026-11-29T12:00:00.123Z\",\"2026-11-29T12:00:00Z\",\"2026-02-03\"],\"unicode\":\"\u00fc \u20ac \ud83d\ude00 \u2028 \u2029 \ufeff\"}";
    private static final String EXPORTED = "{\"text\":\"slash / lt < gt > amp & apos ' quote \\\" back \\\\ del \u007f\",\"controls\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n\\u000b\\u000c\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\",\"unicode\":\"\u00fc \u20ac \ud83d\ude00 \u2028 \u2029 \ufeff\",\"numbers\":[0,-7,2147483647,-9223372036854775808,2.5,1,0,1.0E-7,123456.789,null,null,0.10000000149011612,12.5,3,4,-2],\"time\":[\"2026-11-29T12:00:00.123Z\",\"2026-11-29T12:00:00Z\",\"2026-02-03\"],\"nested\":[{\"z\":null,\"a\":true,\"B\":false,\"\u00e9\":[],\"_\":{}},null,[]],\"Zfirst\":\"upper case sorts before lower case\",\"empty\":\"\"}";

    static Map<String, Object> value() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("text", "slash / lt < gt > amp & apos ' quote \" back \\ del \u007f");
        v.put("controls", controls.toString());
        v.put("unicode", "\u00fc \u20ac \ud83d\ude00 \u2028 \u2029 \ufeff");
        v.put("numbers", Arrays.asList(0, -7, Integer.MAX_VALUE, Long.MIN_VALUE, 2.5, 1.0, -0.0, 1.0E-7, 123456.789,
                Double.NaN, Double.POSITIVE_INFINITY, 0.1f, new BigDecimal("12.50"), new BigDecimal("3"), (short) 4,
                (byte) -2));
        v.put("time", List.of(Instant.parse("2026-11-29T12:00:00.123Z"), Instant.parse("2026-11-29T12:00:00Z"),
                LocalDate.of(2026, 2, 3)));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", null);
        nested.put("a", true);
        nested.put("B", false);
        nested.put("\u00e9", List.of());
        nested.put("_", Map.of());
        v.put("nested", Arrays.asList(nested, null, Set.of()));
        v.put("Zfirst", "upper case sorts before lower case");
        v.put("empty", "");
        return v;
    }

    @Test
    void theCanonicalFormIsPinnedToTheByte() {
        assertEquals(CANONICAL, Json.canonical(value()));
        assertArrayEquals(CANONICAL.getBytes(StandardCharsets.UTF_8),
                Json.canonical(value()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theExportKeepsInsertionOrderWithTheSameBytesAndLeavesTheZipOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipExportSink zip = new ZipExportSink(out)) {
            zip.json("a.json", value());
            zip.json("b.json", Map.of("lone", "\ud800x"));
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(List.of("a.json", "b.json"), new ArrayList<>(entries.keySet()));
        assertArrayEquals(EXPORTED.getBytes(StandardCharsets.UTF_8), entries.get("a.json"));
        // a lone surrogate cannot be UTF-8: the writer's encoder puts '?' in its place, as it always did
        assertEquals("{\"lone\":\"?x\"}", new String(entries.get("b.json"), StandardCharsets.UTF_8));
    }

    @Test
    void aReceiptsContentAndHashArePinned() {
        ErasureProgress progress = new ErasureProgress();
        progress.counts.put("media", 3L);
        progress.counts.put("account", 1L);
        progress.details.put("media.upload", 1L);
        progress.thirdParties.add(new DeletionReceiptView.ThirdPartyDeletion("openai", "OpenAI \"Images\" / \u00fc",
                "not_supported", 2));
        Instant at = Instant.parse("2026-11-29T12:00:00.123Z");
        DeletionReceiptRecord r = Receipts.link("rid", 7, DeletionReceiptStore.GENESIS, at, at.plusSeconds(60),
                "user_request", progress, true);
        assertEquals("{\"counts\":{\"account\":1,\"media\":3,\"media.upload\":1},"
                + "\"createdAt\":\"2026-11-29T12:00:00.123Z\",\"cryptoShredded\":true,"
                + "\"expiresAt\":\"2026-11-29T12:01:00.123Z\",\"id\":\"rid\",\"reason\":\"user_request\",\"seq\":7,"
                + "\"thirdParties\":[{\"provider\":\"openai\",\"status\":\"not_supported\",\"tasks\":2,"
                + "\"vendor\":\"OpenAI \\\"Images\\\" / \u00fc\"}]}", r.content());
        assertEquals("612431a214da8f1bf5c9a1cdab4a200e009a63f5c9dc875386bccca1cd32f70b", r.hash());
        assertEquals("{\"counts\":{\"account\":1,\"media\":3},\"details\":{\"media.upload\":1},"
                + "\"thirdParties\":[{\"provider\":\"openai\",\"status\":\"not_supported\",\"tasks\":2,"
                + "\"vendor\":\"OpenAI \\\"Images\\\" / \u00fc\"}]}", progress.text());
    }

    @Test
    void parsingGivesMapsListsLongsAndDoublesAndRefusesBrokenText() {
        Object parsed = Json.parse(" {\"b\":[1,-2,3.5,1e3,true,null,\"\\u00fc\\/\\b\\f\"],\"a\":{},\"n\":null} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", Arrays.asList(1L, -2L, 3.5, 1000.0, true, null, "\u00fc/\b\f"));
        expected.put("a", Map.of());
        expected.put("n", null);
        assertEquals(expected, parsed);
        assertEquals(List.of("b", "a", "n"), new ArrayList<>(((Map<?, ?>) parsed).keySet()), "the text's order");
        assertEquals(CANONICAL, Json.canonical(Json.parse(CANONICAL)), "the canonical form reads back to itself");
        for (String broken : new String[] {"", "{", "{\"a\":1} trailing", "{\"a\"", "[1,]x", "\"open"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(broken), broken);
        }
    }
}
