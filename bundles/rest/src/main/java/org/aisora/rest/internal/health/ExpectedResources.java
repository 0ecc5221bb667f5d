package org.aisora.rest.internal.health;

import java.util.List;

/**
 * The {@code osgi.jaxrs.name} of every resource this bundle selects into the API application. Readiness waits
 * for all of them; {@code ExpectedResourcesTest} reads the bundle's component descriptions so that a resource
 * cannot be added without a name or without being listed here.
 */
public final class ExpectedResources {
    public static final List<String> NAMES = List.of(
            "aisora.accounts", "aisora.admin", "aisora.billing", "aisora.credits", "aisora.devices",
            "aisora.generations", "aisora.health", "aisora.media", "aisora.metrics", "aisora.policy-acceptances",
            "aisora.passwords", "aisora.privacy", "aisora.profile", "aisora.public", "aisora.sessions",
            "aisora.tokens", "aisora.openai.images", "aisora.openai.models",
            "aisora.email-verification");

    private ExpectedResources() {
    }
}
