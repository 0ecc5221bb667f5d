package org.aisora.core.internal.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.store.AccountRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two billing notices, queued in the mail outbox. Each dedupe key names its transition (the start of the
 * dunning, the time of the plan change), so a redelivered event or a repeated check queues nothing twice, and a
 * later failure or downgrade gets a notice of its own. The plan change itself is already committed: a notice that
 * cannot be queued is logged, never thrown back at the payment processor.
 */
final class DunningNotices {
    private static final Logger LOG = LoggerFactory.getLogger(DunningNotices.class);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final MailOutbox outbox;

    DunningNotices(MailOutbox outbox) {
        this.outbox = outbox;
    }

    static String paymentFailedKey(String accountId, Instant since) {
        return "dunning:" + accountId + ":" + since.toEpochMilli();
    }

    static String downgradedKey(String accountId, Instant changedAt) {
        return "downgrade:" + accountId + ":" + changedAt.toEpochMilli();
    }

    void paymentFailed(AccountRecord account, Instant since, Instant keptUntil) {
        queue(paymentFailedKey(account.id(), since), account, "Your payment failed: your "
                + account.plan() + " plan stays until " + AT.format(keptUntil), "Hello " + name(account) + ",\n\n"
                + "the renewal payment of your " + account.plan() + " subscription failed. Your plan, its limits and"
                + " how long we keep your media stay as they are until " + AT.format(keptUntil) + ".\n\n"
                + "Please update your payment method (POST /api/v1/billing/portal). If the payment still fails by"
                + " then, your account moves to the free plan.\n\n"
                + "You receive this notice because you have a subscription with us; it is not marketing.\n");
    }

    void downgraded(AccountRecord account, String from, String to, Instant changedAt, Instant keptUntil) {
        queue(downgradedKey(account.id(), changedAt), account, "Your account moved to the " + to + " plan",
                "Hello " + name(account) + ",\n\n"
                + "your account moved from the " + from + " plan to the " + to + " plan on " + AT.format(changedAt)
                + ". The " + to + " plan keeps media for a shorter time.\n\n"
                + "Nothing you have is deleted before " + AT.format(keptUntil) + " (unless it would have expired"
                + " sooner on the " + from + " plan): download what you want to keep before then"
                + " (GET /api/v1/me/export).\n\n"
                + "You receive this notice because you have an account with us; it is not marketing.\n");
    }

    private void queue(String key, AccountRecord account, String subject, String body) {
        if (account.email() == null || account.email().isBlank()) {
            return;
        }
        try {
            outbox.enqueue(key, account.id(), new Notification(account.email(), subject, body));
        } catch (RuntimeException e) {
            LOG.warn("no billing notice {} for account {}: {}", key, account.id(), e.toString());
        }
    }

    private static String name(AccountRecord account) {
        return account.name() == null || account.name().isBlank() ? "there" : account.name();
    }
}
