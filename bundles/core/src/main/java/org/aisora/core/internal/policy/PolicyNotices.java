package org.aisora.core.internal.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.aisora.api.error.AisoraException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.PolicyVersionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the notice of a new policy version for every active account, a page of accounts at a time so
 * any number of accounts fits in memory. Dedupe keys {@code policy:<version>:<accountId>} make a repeat
 * (a publish resumed after a crash) queue nothing twice.
 */
final class PolicyNotices {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyNotices.class);
    static final int PAGE = 500;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final AccountStore accounts;
    private final MailOutbox outbox;

    PolicyNotices(AccountStore accounts, MailOutbox outbox) {
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** @return notices queued by this call */
    long queue(PolicyVersionRecord version) {
        long queued = 0;
        String after = null;
        while (true) {
            List<AccountRecord> page = accounts.listAfterId(after, PAGE);
            for (AccountRecord account : page) {
                if (isActive(account) && enqueue(account, version)) {
                    queued++;
                }
            }
            if (page.size() < PAGE) {
                return queued;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** One address the outbox refuses must not stop the notices of everyone after it. */
    private boolean enqueue(AccountRecord account, PolicyVersionRecord version) {
        try {
            return outbox.enqueue(dedupeKey(version.version(), account.id()), account.id(), notice(account, version));
        } catch (AisoraException e) {
            LOG.warn("no policy notice for account {}: {}", account.id(), e.code());
            return false;
        }
    }

    static String dedupeKey(String version, String accountId) {
        return "policy:" + version + ":" + accountId;
    }

    /** Every stored account is active; one being erased is not listed (and is gone once its deletion ends). */
    static boolean isActive(AccountRecord account) {
        return account.email() != null && !account.email().isBlank();
    }

    static Notification notice(AccountRecord account, PolicyVersionRecord v) {
        String summary = v.summary() == null ? "" : "\n\nWhat changed:\n" + v.summary() + "\n";
        String body = "Hello " + account.name() + ",\n\n"
                + "we published version " + v.version() + " of our privacy policy on " + day(v.publishedAt()) + "."
                + summary + "\n\nYou can read it in full at /api/v1/policies/privacy and accept it from your"
                + " account (POST /api/v1/me/policy-acceptances).\n\n"
                + "You receive this notice because you have an account with us; it is not marketing.\n";
        return new Notification(account.email(), "Our privacy policy changed (version " + v.version() + ")", body);
    }

    private static String day(Instant at) {
        return DAY.format(at);
    }
}
