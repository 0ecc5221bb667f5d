package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.OutboxStore;

/**
 * {@code notifications.json}: the e-mail the platform sent or will send the account (subject, status,
 * times; not the body, which may hold a verification code). Erased: queued mail to a deleted account is
 * never sent.
 */
final class OutboxCategory implements PersonalDataCategory {
    private final OutboxStore outbox;

    OutboxCategory(OutboxStore outbox) {
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> rows = outbox.byAccount(accountId).stream().map(m -> (Object) Rows.of()
                .put("subject", m.subject()).put("status", m.status()).put("createdAt", m.createdAt())
                .put("sentAt", m.sentAt()).map()).toList();
        sink.json("notifications.json", Rows.of().put("notifications", rows).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return outbox.deleteByAccount(accountId);
    }
}
