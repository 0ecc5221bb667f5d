package org.aisora.api.service;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an API token may do. Every REST endpoint needs one scope; a sign-in session holds every scope of its
 * account's role, an API token only those it was made with (and never more than the role allows now).
 */
public enum TokenScope {
    /** Generations and the OpenAI-compatible front door. */
    GENERATE("generate", false),
    /** Uploading, reading and deleting media. */
    MEDIA("media", false),
    /** The account itself: profile, e-mail, devices, sessions, tokens, export and erasure. */
    ACCOUNT("account", false),
    /** Credits, plans, subscription and checkout. */
    BILLING("billing", false),
    /** {@code GET /metrics} only, for a Prometheus scraper (admins only). */
    METRICS_READ("metrics:read", true),
    /** The admin endpoints (admins only). */
    ADMIN("admin", true);

    /** What a token gets when it is made without scopes: every scope of a user, never an admin one. */
    public static final Set<TokenScope> DEFAULT = EnumSet.of(GENERATE, MEDIA, ACCOUNT, BILLING);

    private final String wire;
    private final boolean adminOnly;

    TokenScope(String wire, boolean adminOnly) {
        this.wire = wire;
        this.adminOnly = adminOnly;
    }

    /** The name in requests, answers and the database. */
    public String wire() {
        return wire;
    }

    public boolean adminOnly() {
        return adminOnly;
    }

    public static Optional<TokenScope> of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    /** Every scope an account of {@code role} may hold: all of them for {@code admin}, the user ones else. */
    public static Set<TokenScope> ofRole(String role) {
        return "admin".equals(role) ? EnumSet.allOf(TokenScope.class) : EnumSet.copyOf(DEFAULT);
    }

    /** The wire names, in declaration order. */
    public static List<String> names(Collection<TokenScope> scopes) {
        return scopes.stream().sorted().distinct().map(TokenScope::wire).toList();
    }
}
