package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.DeletionReceiptRecord;
import org.aisora.api.store.DeletionReceiptStore;
import org.aisora.api.store.ErasureMark;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.security.Tokens;

/**
 * Erases one account, resumably: (1) mark the account (it can no longer sign in, be authenticated or act; the
 * mark holds the pseudonym and the receipt id, so a re-run uses the same), (2) each category in order, its
 * count saved after it, (3) destroy the account's data key in every store (crypto-shredding: copies left
 * anywhere no longer decrypt), (4) append the receipt to the chain (once per receipt id), (5) delete the
 * account row. A crash anywhere is finished by running it again.
 */
final class Erasure {
    static final Duration RECEIPT_LIFETIME = Duration.ofDays(30);
    static final String SHREDDED = "storage.keys_destroyed";

    private final AccountStore accounts;
    private final DeletionReceiptStore receipts;
    private final PluginRegistry registry;
    private final List<PersonalDataCategory> categories;
    private final Clock clock;
    /** One erasure of an account at a time on this node; a second request waits and then finds it done. */
    private final ConcurrentHashMap<String, Object> running = new ConcurrentHashMap<>();

    Erasure(AccountStore accounts, DeletionReceiptStore receipts, PluginRegistry registry,
            List<PersonalDataCategory> categories, Clock clock) {
        this.accounts = accounts;
        this.receipts = receipts;
        this.registry = registry;
        this.categories = categories;
        this.clock = clock;
    }

    DeletionReceiptView run(String accountId, String reason) {
        Object lock = running.computeIfAbsent(accountId, k -> new Object());
        try {
            synchronized (lock) {
                return erase(accountId, reason);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the erasure stopped and can be run again", e);
        } finally {
            running.remove(accountId, lock);
        }
    }

    private DeletionReceiptView erase(String accountId, String reason) throws IOException {
        Instant now = clock.instant();
        ErasureMark mark = accounts.beginErasure(new ErasureMark(accountId, UUID.randomUUID().toString(), reason,
                        Tokens.newToken().substring(3), now, null))
                .orElseThrow(() -> AisoraException.notFound("account"));
        ErasureProgress progress = ErasureProgress.parse(mark.progress());
        for (PersonalDataCategory category : categories) {
            if (progress.done(category.name())) {
                continue;
            }
            ErasureContext context = new ErasureContext(mark.pseudonym(), clock.instant());
            long count = category.erase(accountId, context);
            progress.finished(category.name(), count, context);
            accounts.saveErasureProgress(accountId, progress.text());
        }
        long destroyed = progress.details.getOrDefault(SHREDDED, 0L);
        for (BlobStore store : registry.families().storage.ranked()) {
            if (store.destroyOwnerKey(accountId)) {
                destroyed++;
            }
        }
        progress.details.put(SHREDDED, destroyed);
        accounts.saveErasureProgress(accountId, progress.text());
        boolean shredded = destroyed > 0;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what the database keeps
        DeletionReceiptRecord receipt = receipts.append(mark.receiptId(), (seq, prev) -> Receipts.link(
                mark.receiptId(), seq, prev, at, at.plus(RECEIPT_LIFETIME), mark.reason(), progress, shredded));
        accounts.delete(accountId);
        return Receipts.view(receipt);
    }
}
