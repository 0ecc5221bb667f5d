package org.aisora.notify.smtp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The SMTP relay the platform's e-mail goes through: PID {@code org.aisora.notify.smtp}
 * ({@code etc/org.aisora.notify.smtp.cfg}). The password is a private property (leading dot), so it never
 * becomes a service property.
 */
@ObjectClassDefinition(name = "AiSora SMTP notifier", description = "Sends the mail outbox through an SMTP relay")
public @interface SmtpConfig {
    String PID = "org.aisora.notify.smtp";

    @AttributeDefinition(description = "SMTP relay host name")
    String host() default "localhost";

    @AttributeDefinition(description = "SMTP port: 587 (submission with STARTTLS) or 25")
    int port() default 587;

    @AttributeDefinition(description = "Sender address, e.g. privacy@example.com")
    String from() default "";

    @AttributeDefinition(description = "User name for SMTP AUTH (PLAIN or LOGIN); blank sends without AUTH")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password for SMTP AUTH")
    String _password() default "";

    @AttributeDefinition(description = "STARTTLS: required (refuse a relay that does not offer it), optional (use it"
            + " when offered; AUTH is then only sent over TLS) or off (plain text, e.g. a relay on localhost)",
            options = {@Option(value = "required"), @Option(value = "optional"), @Option(value = "off")})
    String starttls() default "required";

    @AttributeDefinition(description = "Name this host gives in EHLO; blank uses the sender's domain")
    String helo_name() default "";

    @AttributeDefinition(description = "Milliseconds to open the connection")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Milliseconds to wait for any one reply of the relay")
    int read_timeout_ms() default 30_000;

    @AttributeDefinition(description = "Higher ranked notifiers are preferred when several are installed")
    int service_ranking() default 0;
}
