package org.aisora.api.notify;

import java.io.IOException;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/** Delivers notifications; the core keeps an outbox and retries on IOException. */
@ConsumerType
public interface Notifier extends Plugin {
    void send(Notification notification) throws IOException;
}
