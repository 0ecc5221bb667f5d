package org.aisora.core.internal.notify;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The mail outbox dispatcher (PID org.aisora.core.mail, file etc/org.aisora.core.mail.cfg): how often it looks,
 * batches, leases and retries.
 */
@ObjectClassDefinition(name = "AiSora mail", description = "The mail outbox dispatcher")
public @interface MailConfiguration {
    String PID = "org.aisora.core.mail";

    @AttributeDefinition(description = "How often the mail outbox is checked for due messages, ms")
    long mail_interval_ms() default 2000;

    @AttributeDefinition(description = "Messages one outbox pass claims and sends")
    int mail_batch() default 50;

    @AttributeDefinition(description = "Lease on a claimed message, seconds: after it, another node (or this one"
            + " restarted) may send it again; must be longer than a batch takes")
    long mail_lease_seconds() default 600;

    @AttributeDefinition(description = "Attempts per message before it is marked failed")
    int mail_max_attempts() default 8;

    @AttributeDefinition(description = "First retry delay of a message the notifier could not send, seconds;"
            + " doubled per attempt (with jitter) up to mail_retry_max_seconds")
    long mail_retry_base_seconds() default 30;

    @AttributeDefinition(description = "Longest retry delay of a message, seconds")
    long mail_retry_max_seconds() default 3600;
}
