package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.ApiTokenStore;

/**
 * Named API tokens, exported as {@code tokens.json} (name and dates, never the hash). Erased first with
 * the sessions, so no credential of the account outlives the mark.
 */
final class TokensCategory implements PersonalDataCategory {
    private final ApiTokenStore tokens;

    TokensCategory(ApiTokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> rows = tokens.byAccount(accountId).stream().map(t -> (Object) Rows.of().put("name", t.name())
                .put("createdAt", t.createdAt()).put("expiresAt", t.expiresAt())
                .put("scopes", t.scopes() == null ? null : List.of(t.scopes().split(" "))).map()).toList();
        sink.json("tokens.json", Rows.of().put("tokens", rows).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return tokens.deleteByAccount(accountId);
    }
}
