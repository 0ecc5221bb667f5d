package org.aisora.core.internal.notify;

import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.store.OutboxMessage;
import org.aisora.api.store.OutboxStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Queues e-mail in the database; {@link MailDispatcher} sends it. A message is checked here, once, so a
 * row in the outbox can always be sent: one address without line breaks, a one-line subject, a bounded body.
 */
@Component(service = MailOutbox.class)
public final class MailOutboxImpl implements MailOutbox {
    static final int MAX_BODY = 8000;
    static final int MAX_SUBJECT = 500;
    /** Deliberately plain: one local part, one domain with a dot, nothing that could end a header or command. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"@]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z0-9-]{2,63}");

    private final OutboxStore store;
    private final Clock clock;

    @Activate
    public MailOutboxImpl(@Reference OutboxStore store) {
        this(store, Clock.systemUTC());
    }

    public MailOutboxImpl(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean enqueue(String dedupeKey, String accountId, Notification n) {
        if (dedupeKey == null || dedupeKey.isBlank() || dedupeKey.length() > 200) {
            throw AisoraException.badRequest("invalid_dedupe_key", "a dedupe key of 1 to 200 characters is required");
        }
        if (n == null || n.to() == null || !ADDRESS.matcher(n.to()).matches() || n.to().length() > 320) {
            throw AisoraException.badRequest("invalid_recipient", "the recipient is not a plain e-mail address");
        }
        String subject = n.subject() == null ? "" : n.subject().replaceAll("[\\r\\n\\t]+", " ").strip();
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            throw AisoraException.badRequest("invalid_subject", "a subject of 1 to " + MAX_SUBJECT + " characters is required");
        }
        if (n.body() == null || n.body().length() > MAX_BODY) {
            throw AisoraException.badRequest("invalid_body", "a body of at most " + MAX_BODY + " characters is required");
        }
        return store.enqueue(OutboxMessage.queued(UUID.randomUUID().toString(), dedupeKey, accountId, n.to(),
                subject, n.body(), clock.instant()));
    }
}
