package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.TokenGrant;
import org.aisora.api.service.TokenService;
import org.aisora.api.service.TokenView;
import org.aisora.api.store.ApiTokenRecord;
import org.aisora.api.store.ApiTokenStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Named API tokens: 256 random bits each (see {@link Tokens}), stored as SHA-256 only, expiring after
 * 1 to 365 days, created only with the account's current password ({@link Reauthentication}). Creation and revocation are audited by id and name, never by secret.
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
    public TokenGrant create(Caller caller, String name, Integer expiresInDays, String currentPassword,
                             ClientInfo client) {
        String cleanName = name(name);
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
                Tokens.sha256Hex(secret), now, now.plus(Duration.ofDays(days)));
        store.insert(row);
        audit.record(caller.accountId(), "token_created", row.id(), client, "expires in " + days + " days");
        return new TokenGrant(row.id(), row.name(), secret, row.createdAt(), row.expiresAt());
    }

    @Override
    public List<TokenView> list(Caller caller) {
        Instant now = clock.instant();
        return store.byAccount(caller.accountId()).stream().filter(t -> t.expiresAt().isAfter(now))
                .map(t -> new TokenView(t.id(), t.name(), t.createdAt(), t.expiresAt())).toList();
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
