package org.aisora.core.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Abuse limits of sign-up, sign-in and password hashing (PID org.aisora.core.security, file
 * etc/org.aisora.core.security.cfg), sessions and device records.
 */
@ObjectClassDefinition(name = "AiSora security", description = "Password hashing slots, sign-in delays, sign-up limits")
public @interface SecurityConfiguration {
    String PID = "org.aisora.core.security";

    @AttributeDefinition(description = "Argon2 hashes and verifications that may run at once on this node. 0 sizes it"
            + " from the heap: a quarter of the maximum heap over 20 MiB per hash, between 1 and twice the cores")
    int hash_permits() default 0;

    @AttributeDefinition(description = "How long a sign-up or sign-in waits for a hashing slot, milliseconds, before"
            + " it is answered 503 busy")
    long hash_wait_millis() default 2000;

    @AttributeDefinition(description = "The Retry-After, seconds, of a 503 busy for want of a hashing slot")
    long hash_retry_after_seconds() default 1;

    @AttributeDefinition(description = "The longest delay, seconds, an account's failed sign-ins impose on the next"
            + " attempt (the delay doubles from 1 s with each failure past login.max.failures.per.account)")
    long login_max_account_delay_seconds() default 900;

    @AttributeDefinition(description = "The longest delay, seconds, a client address's failed sign-ins impose"
            + " (past login.max.failures.per.ip; only on accounts with failures of their own or unknown ones)")
    long login_max_ip_delay_seconds() default 10;

    @AttributeDefinition(description = "Sign-ups allowed per client address within signup.ip.window.seconds")
    int signup_max_per_ip() default 5;

    @AttributeDefinition(description = "The per-address sign-up window, seconds, counted from its first sign-up")
    long signup_ip_window_seconds() default 3600;

    @AttributeDefinition(description = "Sign-ups allowed on this node, from all addresses, within"
            + " signup.global.window.seconds")
    int signup_max_global() default 60;

    @AttributeDefinition(description = "The node-wide sign-up window, seconds")
    long signup_global_window_seconds() default 60;

    @AttributeDefinition(description = "Unused since the sign-in and sign-up counters moved to the database"
            + " (shared by every node, expired rows deleted when written and once a minute); kept so existing .cfg"
            + " files stay valid")
    int throttle_max_keys() default 100_000;

    @AttributeDefinition(description = "Unused since sessions have session.absolute.hours and"
            + " session.idle.minutes; kept so existing .cfg files stay valid")
    long session_ttl_hours() default 24;

    @AttributeDefinition(description = "A sign-in session ends this many minutes after its last use (idle timeout;"
            + " the last use is recorded to session.touch.seconds)")
    long session_idle_minutes() default 30;

    @AttributeDefinition(description = "A sign-in session ends this many hours after sign-in however much it is used"
            + " (absolute lifetime; ASVS L2 asks for at most 12)")
    long session_absolute_hours() default 12;

    @AttributeDefinition(description = "A session's last use is written at most this often, seconds, so a request"
            + " does not write the database each time")
    long session_touch_seconds() default 60;

    @AttributeDefinition(description = "Failed sign-ins per account (e-mail, known or not) that are free; past"
            + " them each attempt waits 1 s doubling per failure (up to login.max.account.delay.seconds)"
            + " after the latest failure, else 429 (counted in the database, so"
            + " every node shares the count)")
    int login_max_failures_per_account() default 5;

    @AttributeDefinition(description = "Failed sign-ins per client address that are free; past them attempts on"
            + " unknown accounts or accounts with failures of their own wait 1 s doubling, capped short"
            + " (login.max.ip.delay.seconds); clean accounts are never held back")
    int login_max_failures_per_ip() default 20;

    @AttributeDefinition(description = "Failed sign-ins are forgotten this many seconds after the latest failure's"
            + " delay has passed")
    long login_window_seconds() default 900;

    @AttributeDefinition(description = "Whether a new account must verify its e-mail address (a code is mailed at"
            + " sign-up) before it may generate, upload or buy, and gets its sign-up credit grant then. false (closed"
            + " deployments): accounts are verified at sign-up and granted at once. Accounts that signed up"
            + " unverified stay so until verified (their code, or aisora:user-verify)")
    boolean accounts_verify_email() default true;

    @AttributeDefinition(description = "A device's last-seen time is written at most this often on API use, seconds")
    long device_touch_seconds() default 3600;

    @AttributeDefinition(description = "Password-reset requests allowed per e-mail address (known or not) within"
            + " password.reset.window.seconds; past them 429 password_reset_rate_limited")
    int password_reset_max_per_email() default 3;

    @AttributeDefinition(description = "Password-reset requests allowed per client address within"
            + " password.reset.window.seconds")
    int password_reset_max_per_ip() default 20;

    @AttributeDefinition(description = "The password-reset request window, seconds, counted from its first request")
    long password_reset_window_seconds() default 3600;
}
