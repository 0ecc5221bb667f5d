package org.aisora.api.service;

import org.aisora.api.notify.Notification;
import org.osgi.annotation.versioning.ProviderType;

/**
 * E-mail the core has promised to send: queued in the database, delivered through the active
 * {@link org.aisora.api.notify.Notifier}, retried, and never lost or sent twice across a restart.
 */
@ProviderType
public interface MailOutbox {
    /**
     * Queues one message. The dedupe key makes a repeat a no-op (e.g. {@code policy:<version>:<accountId>}).
     *
     * @param accountId the account the message is about, or {@code null} (erased with the account)
     * @return {@code true} if queued by this call, {@code false} if that key was queued before
     */
    boolean enqueue(String dedupeKey, String accountId, Notification notification);
}
