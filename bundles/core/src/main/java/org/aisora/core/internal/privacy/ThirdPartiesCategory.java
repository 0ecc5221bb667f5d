package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.ThirdPartyStore;
import org.aisora.core.internal.thirdparty.ThirdParties;

/**
 * {@code third-parties.json}: every third party that received the account's data (generation vendors,
 * moderation engines, a storage service run by someone else, the payment processor, the mail relay), what it
 * received, why, what it states it keeps, and the first and last transfer. Erasure deletes the recorded rows
 * (the generation vendors' lines go with the jobs); no new row can be written once the erasure has begun.
 */
final class ThirdPartiesCategory implements PersonalDataCategory {
    private final ThirdPartyStore store;

    ThirdPartiesCategory(ThirdPartyStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "third-parties";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> rows = ThirdParties.of(store, accountId).stream().map(t -> (Object) Rows.of()
                .put("family", t.family()).put("vendor", t.vendor()).put("purpose", t.purpose())
                .put("dataCategories", t.dataCategories()).put("statedRetention", t.statedRetention())
                .put("firstAt", t.firstAt()).put("lastAt", t.lastAt()).map()).toList();
        sink.json("third-parties.json", Rows.of().put("thirdParties", rows).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return store.deleteByAccount(accountId);
    }
}
