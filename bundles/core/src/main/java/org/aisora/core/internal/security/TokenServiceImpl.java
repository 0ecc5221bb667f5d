package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.TokenGrant;
import org.aisora.api.service.TokenScope;
import org.aisora.api.service.TokenService;
import org.aisora.api.service.TokenView;
import org.aisora.api.store.ApiTokenRecord;
import org.aisora.api.store.ApiTokenStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Named API tokens: 256 random bits each (see {@link Tokens}), stored as SHA-256 only, expiring after
 * 1 to 365 days, holding the scopes asked for ({@link TokenScope#DEFAULT} when none are) within the
 * caller's role, created only with the account's current password ({@link Reauthentication}). Creation and
 * revocation are audited by id and name, never by secret.
 */
@Component(service = {TokenService.class, TokenServiceImpl.class})
public final class TokenServiceImpl implements TokenService {
    public static final int MAX_TOKENS_PER_ACCOUNT = 50;
    static final int MAX_NAME_LENGTH = 100;

    private final ApiTokenStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Reauthentication reauthentication;

    @Activate
    public TokenServiceImpl(@Reference ApiTokenStore store, @Reference AuditLog audit,
                            @Reference Reauthentication reauthentication) {
        this(store, audit, reauthentication, Clock.systemUTC());
    }

    public TokenServiceImpl(ApiTokenStore store, AuditLog audit, Reauthentication reauthentication, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.reauthentication = reauthentication;
        this.clock = clock;
    }

    /** The body is checked first (a malformed request costs no hashing), then the current password. */
    @Override
    public TokenGrant create(Caller caller, String name, Integer expiresInDays, List<String> scopes,
                             String currentPassword,
                             ClientInfo client) {
        String cleanName = name(name);
        Set<TokenScope> granted = scopes(caller, scopes);
        int days = expiresInDays == null ? DEFAULT_DAYS : expiresInDays;
        if (days < 1 || days > MAX_DAYS) {
            throw AisoraException.badRequest("invalid_expiry", "expiresInDays must be between 1 and " + MAX_DAYS);
        }
        reauthentication.require(caller, currentPassword, client);
        if (store.countByAccount(caller.accountId()) >= MAX_TOKENS_PER_ACCOUNT) {
            throw AisoraException.conflict("too_many_tokens",
                    "an account may hold " + MAX_TOKENS_PER_ACCOUNT + " API tokens; revoke one first");
        }
        String secret = Tokens.newApiToken();
        Instant now = clock.instant();
        ApiTokenRecord row = new ApiTokenRecord(UUID.randomUUID().toString(), caller.accountId(), cleanName,
                Tokens.sha256Hex(secret), now, now.plus(Duration.ofDays(days)), String.join(" ",
                TokenScope.names(granted)));
        store.insert(row);
        audit.record(caller.accountId(), "token_created", row.id(), client, "expires in " + days + " days, scopes "
                + row.scopes());
        return new TokenGrant(row.id(), row.name(), secret, row.createdAt(), row.expiresAt(),
                TokenScope.names(granted));
    }

    @Override
    public List<TokenView> list(Caller caller) {
        Instant now = clock.instant();
        return store.byAccount(caller.accountId()).stream().filter(t -> t.expiresAt().isAfter(now))
                .map(t -> new TokenView(t.id(), t.name(), t.createdAt(), t.expiresAt(),
                        t.scopes() == null ? null : TokenScope.names(stored(t.scopes())))).toList();
    }

    @Override
    public void revoke(Caller caller, String tokenId, ClientInfo client) {
        if (tokenId == null || tokenId.length() > 64 || !store.delete(caller.accountId(), tokenId)) {
            throw AisoraException.notFound("token");
        }
        audit.record(caller.accountId(), "token_revoked", tokenId, client, null);
    }

    /** The live token behind a presented secret: unknown, revoked (deleted) and expired tokens are empty. */
    public Optional<ApiTokenRecord> live(String secret) {
        return store.findByTokenHash(Tokens.sha256Hex(secret)).filter(t -> t.expiresAt().isAfter(clock.instant()));
    }

    /**
     * What a token may do for an account of {@code role} now: its stored scopes within the role (an admin made
     * a user keeps no admin scope), or the whole role for a token made before scopes existed.
     */
    public static Set<TokenScope> effective(ApiTokenRecord token, String role) {
        Set<TokenScope> allowed = TokenScope.ofRole(role);
        if (token.scopes() == null) {
            return allowed;
        }
        Set<TokenScope> scopes = stored(token.scopes());
        scopes.retainAll(allowed);
        return scopes;
    }

    /** Stored names; one unknown to this version (written by a newer one) grants nothing. */
    static Set<TokenScope> stored(String names) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String name : names.trim().split(" +")) {
            TokenScope.of(name).ifPresent(scopes::add);
        }
        return scopes;
    }

    /** The least a token needs by default ({@link TokenScope#DEFAULT}); never more than the caller's role. */
    private static Set<TokenScope> scopes(Caller caller, List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.copyOf(TokenScope.DEFAULT);
        }
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String name : names) {
            scopes.add(TokenScope.of(name).orElseThrow(() -> AisoraException.badRequest("invalid_scope",
                    "scopes are " + String.join(", ", TokenScope.names(EnumSet.allOf(TokenScope.class))))));
        }
        Set<TokenScope> beyond = EnumSet.copyOf(scopes);
        beyond.removeAll(TokenScope.ofRole(caller.role()));
        if (!beyond.isEmpty()) {
            throw AisoraException.forbidden("scope_exceeds_role", "a token cannot hold more than the account's role: "
                    + String.join(", ", TokenScope.names(beyond)));
        }
        return scopes;
    }

    private static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH
                || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw AisoraException.badRequest("invalid_token_name",
                    "name is required: 1 to " + MAX_NAME_LENGTH + " characters, no control characters");
        }
        return trimmed;
    }
}
