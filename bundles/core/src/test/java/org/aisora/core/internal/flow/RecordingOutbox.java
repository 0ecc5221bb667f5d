package org.aisora.core.internal.flow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.MailOutbox;

/** A mail outbox that keeps what was queued, honouring the dedupe key as the real one promises. */
final class RecordingOutbox implements MailOutbox {
    record Queued(String dedupeKey, String accountId, Notification notification) {
    }

    final List<Queued> queued = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> keys = new ConcurrentHashMap<>();

    @Override
    public boolean enqueue(String dedupeKey, String accountId, Notification notification) {
        if (keys.putIfAbsent(dedupeKey, Boolean.TRUE) != null) {
            return false;
        }
        queued.add(new Queued(dedupeKey, accountId, notification));
        return true;
    }

    List<Notification> to(String address) {
        return queued.stream().map(Queued::notification).filter(n -> n.to().equals(address)).toList();
    }
}
