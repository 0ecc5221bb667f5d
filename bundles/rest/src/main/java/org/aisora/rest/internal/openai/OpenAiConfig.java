package org.aisora.rest.internal.openai;

import java.time.Duration;

/**
 * Settings of the OpenAI-compatible API. Fixed on purpose: a configuration PID on a JAX-RS resource makes
 * Declarative Services activate it on the Configuration Admin thread, concurrently with the rest of the
 * application, and the Aries whiteboard (2.0.2) then rewires the application from two threads at once
 * ("There is an endpoint already running on /"); seen here, so resources carry no configuration.
 */
final class OpenAiConfig {
    /** How long POST /images/generations waits for its job before canceling it (OpenAI clients wait minutes). */
    static final Duration WAIT = Duration.ofSeconds(120);
    /** Lifetime of URLs returned for response_format=url (the core caps it). */
    static final Duration URL_TTL = Duration.ofSeconds(3600);

    private OpenAiConfig() {
    }
}
