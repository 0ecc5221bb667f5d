package org.aisora.core.internal.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.PrivacyService.ChainVerification;
import org.aisora.api.store.DeletionReceiptRecord;
import org.aisora.api.store.DeletionReceiptStore;

/**
 * Deletion receipts: their canonical content (sorted-key JSON of id, seq, times, reason, counts, third-party
 * results, crypto-shredding), the chain hash {@code SHA-256(prevHash + content)} in hex, and the check of a
 * whole chain. Nothing personal goes in: counts, provider ids and vendor names only.
 */
final class Receipts {
    private Receipts() {
    }

    static DeletionReceiptRecord link(String id, long seq, String prevHash, Instant at, Instant expires, String reason,
                                      ErasureProgress progress, boolean shredded) {
        Map<String, Long> counts = new TreeMap<>(progress.counts);
        progress.details.forEach(counts::put);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", id);
        content.put("seq", seq);
        content.put("createdAt", at.toString());
        content.put("expiresAt", expires.toString());
        content.put("reason", reason);
        content.put("counts", counts);
        content.put("thirdParties", progress.thirdParties.stream().map(t -> (Object) Map.of("provider", t.provider(),
                "vendor", t.vendor(), "status", t.status(), "tasks", t.tasks())).toList());
        content.put("cryptoShredded", shredded);
        String canonical = Json.canonical(content);
        return new DeletionReceiptRecord(id, seq, at, expires, canonical, prevHash, hash(prevHash, canonical));
    }

    static String hash(String prevHash, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((prevHash + content).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    @SuppressWarnings("unchecked")
    static DeletionReceiptView view(DeletionReceiptRecord r) {
        Map<String, Object> c = (Map<String, Object>) Json.parse(r.content());
        Map<String, Long> counts = new TreeMap<>();
        ((Map<String, Object>) c.get("counts")).forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
        List<DeletionReceiptView.ThirdPartyDeletion> parties = ((List<Object>) c.get("thirdParties")).stream()
                .map(o -> ErasureProgress.thirdParty((Map<String, Object>) o)).toList();
        return new DeletionReceiptView(r.id(), r.createdAt(), r.expiresAt(), (String) c.get("reason"), counts, parties,
                Boolean.TRUE.equals(c.get("cryptoShredded")), r.prevHash(), r.hash());
    }

    static ChainVerification verify(DeletionReceiptStore store) {
        String prev = DeletionReceiptStore.GENESIS;
        long seq = 0;
        long count = 0;
        while (true) {
            List<DeletionReceiptRecord> page = store.list(seq, 500);
            for (DeletionReceiptRecord r : page) {
                if (r.seq() != seq + 1 || !r.prevHash().equals(prev) || !r.hash().equals(hash(r.prevHash(), r.content()))
                        || !r.content().contains("\"id\":\"" + r.id() + "\"")) {
                    return new ChainVerification(count, prev, r.id());
                }
                prev = r.hash();
                seq = r.seq();
                count++;
            }
            if (page.size() < 500) {
                return new ChainVerification(count, prev, null);
            }
        }
    }
}
