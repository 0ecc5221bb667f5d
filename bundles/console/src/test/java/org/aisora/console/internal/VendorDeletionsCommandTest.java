package org.aisora.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.service.VendorDeletionView;
import org.junit.jupiter.api.Test;

/** What aisora:vendor-deletions prints. */
class VendorDeletionsCommandTest {
    @Test
    void summarisesEveryStatusAndShowsWhyARowWaits() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("pending", 2L);
        counts.put("deleted", 7L);
        counts.put("failed", 1L);
        counts.put("not_supported", 0L);
        assertEquals("pending 2, deleted 7, failed 1, not_supported 0", VendorDeletionsCommand.summary(counts));

        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VendorDeletionsCommand.table(List.of(new VendorDeletionView("id-1", "runway", "Runway", "task-9", "expiry",
                "pending", 2, t.plusSeconds(120), "provider_unavailable", "30 days", t, t)))
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String s : List.of("runway", "task-9", "expiry", "provider_unavailable", "30 days", "2026-12-01T10:02:00Z")) {
            assertTrue(out.contains(s), s + " in " + out);
        }
    }
}
