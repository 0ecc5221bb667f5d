package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.LedgerKind;
import org.aisora.api.store.LedgerPosting;
import org.aisora.api.store.LedgerTransaction;
import org.aisora.api.store.MediaRecord;

/** Rows as the core builds them; instants are whole milliseconds, the precision the schema keeps. */
final class Fixtures {
    static final String GRANTS = "system:grants";
    static final String REVENUE = "system:revenue";
    static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    private Fixtures() {
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static AccountRecord account(String email) {
        return new AccountRecord(id(), email, "Ada", "+41 00 000 00 00", "$argon2id$v=19$m=19456,t=2,p=1$abc$def",
                1990, "user", "free", "2024-01", T0);
    }

    static JobRecord job(String ownerId, long cost, String idempotencyKey, Instant createdAt) {
        return new JobRecord(id(), ownerId, "text-to-image", "a red fox in the snow", "blurry", 512, 384, 0, 42L,
                null, idempotencyKey, JobStatus.QUEUED, null, cost, null, null, createdAt, null, null,
                createdAt.plusSeconds(7 * 86400));
    }

    static MediaRecord media(String ownerId, String jobId, String parentId, Instant createdAt) {
        return new MediaRecord(id(), ownerId, jobId, parentId, parentId == null ? "output" : "thumbnail",
                "image/png", 12_345L, 512, 384, "filesystem", "blobs/" + id(), "ab".repeat(32), "ready",
                createdAt, createdAt.plusSeconds(3600));
    }

    static String available(String accountId) {
        return "user:" + accountId + ":available";
    }

    static String held(String accountId) {
        return "user:" + accountId + ":held";
    }

    static LedgerTransaction grant(String key, String accountId, long amount) {
        return move(key, LedgerKind.GRANT, GRANTS, available(accountId), amount);
    }

    static LedgerTransaction hold(String key, String accountId, long amount) {
        return move(key, LedgerKind.HOLD, available(accountId), held(accountId), amount);
    }

    static LedgerTransaction capture(String key, String accountId, long amount) {
        return move(key, LedgerKind.CAPTURE, held(accountId), REVENUE, amount);
    }

    static LedgerTransaction release(String key, String accountId, long amount) {
        return move(key, LedgerKind.RELEASE, held(accountId), available(accountId), amount);
    }

    private static LedgerTransaction move(String key, LedgerKind kind, String from, String to, long amount) {
        List<LedgerPosting> legs = List.of(new LedgerPosting(from, -amount), new LedgerPosting(to, amount));
        return new LedgerTransaction(key, kind, legs, kind.name().toLowerCase() + " " + key, T0);
    }
}
