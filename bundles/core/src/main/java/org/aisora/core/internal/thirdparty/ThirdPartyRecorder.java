package org.aisora.core.internal.thirdparty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.Plugin;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.ThirdPartyRecord;
import org.aisora.api.store.ThirdPartyStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records, per account, each transfer a plugin with a {@link Plugin#dataTransfer()} makes, at the moment it
 * makes it. Transfers sit on the submit and upload paths, so a node writes a given (account, plugin, vendor,
 * purpose) at most once per {@link #REFRESH}: a bounded memory of what it last wrote answers the rest
 * without the database (forgotten whole when full, which only costs a write each). A record that cannot be
 * written is logged and never fails the work it describes.
 */
@Component(service = ThirdPartyRecorder.class)
public final class ThirdPartyRecorder {
    /** How stale a record's last transfer may be: the record's {@code lastAt} is exact to within this. */
    public static final Duration REFRESH = Duration.ofHours(1);
    /** Records nothing: the core without a store (some tests, a platform without persistence). */
    public static final ThirdPartyRecorder NONE = new ThirdPartyRecorder(null, Clock.systemUTC());
    static final int MAX_REMEMBERED = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(ThirdPartyRecorder.class);

    private final ThirdPartyStore store;
    private final Clock clock;
    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

    private record Written(Instant at, DataTransfer transfer) {
    }

    @Activate
    public ThirdPartyRecorder(@Reference ThirdPartyStore store) {
        this(store, Clock.systemUTC());
    }

    public ThirdPartyRecorder(ThirdPartyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code plugin} of {@code family} sends (or is about to send) the account's data to its third party, if any. */
    public void sent(String accountId, PluginFamily family, Plugin plugin) {
        if (store == null || accountId == null || plugin == null) {
            return;
        }
        record(accountId, family, plugin.id(), declared(family, plugin));
    }

    /**
     * A generation provider's call: its vendor, as the provider's {@link ThirdParty} names it, is recorded like
     * any other transfer, so the line outlives the job attempts it is also read from (jobs expire, the record
     * stays with the account).
     */
    public void sentToProvider(String accountId, String providerId, ThirdParty vendor) {
        if (store == null || accountId == null || vendor == null || vendor.vendor().isBlank()) {
            return;
        }
        record(accountId, PluginFamily.PROVIDER, providerId, new DataTransfer(vendor.vendor(),
                ThirdParties.GENERATION_PURPOSE, ThirdParties.GENERATION_DATA, vendor.statedRetention()));
    }

    private void record(String accountId, PluginFamily family, String id, DataTransfer declared) {
        DataTransfer transfer = Bounds.of(declared);
        if (transfer == null) {
            return;
        }
        String pluginId = Bounds.cut(id, Bounds.PLUGIN_ID);
        String key = accountId + '\n' + family.wireName() + '\n' + pluginId + '\n' + transfer.vendor() + '\n'
                + transfer.purpose();
        Instant now = clock.instant();
        Written last = lastWritten.get(key);
        if (last != null && last.transfer().equals(transfer) && now.isBefore(last.at().plus(REFRESH))) {
            return;
        }
        try {
            if (store.record(new ThirdPartyRecord(accountId, family.wireName(), pluginId, transfer.vendor(),
                    transfer.purpose(), transfer.dataCategories(), transfer.statedRetention(), now, now))) {
                if (lastWritten.size() >= MAX_REMEMBERED) {
                    lastWritten.clear();
                }
                lastWritten.put(key, new Written(now, transfer));
            }
        } catch (RuntimeException e) {
            LOG.warn("third-party record for account {} ({} {}) could not be written", accountId, family.wireName(),
                    pluginId, e);
        }
    }

    /**
     * The blob store itself when it is the operator's own; else the store that records each put of the owner's
     * blobs as a transfer to the storage vendor.
     */
    public BlobStore recording(BlobStore store, String ownerId) {
        if (this.store == null || declared(PluginFamily.STORAGE, store) == null) {
            return store;
        }
        return new RecordedBlobStore(store, () -> sent(ownerId, PluginFamily.STORAGE, store));
    }

    /** A plugin that fails to say what it sends is recorded under its own id, its retention unknown. */
    private static DataTransfer declared(PluginFamily family, Plugin plugin) {
        try {
            Optional<DataTransfer> transfer = plugin.dataTransfer();
            return transfer == null ? null : transfer.orElse(null);
        } catch (RuntimeException e) {
            return new DataTransfer(plugin.id(), family.wireName(), java.util.List.of(), "unknown");
        }
    }
}
