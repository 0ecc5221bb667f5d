package org.aisora.core.internal.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.DeviceService;
import org.aisora.api.service.DeviceView;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.DeviceStore;
import org.aisora.core.internal.audit.Expiry;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device records on sign-in and on API use. The authentication path calls {@link #seen} on every
 * request, so it writes at most once per {@code device_touch_seconds} per (account, ip, browser, os) on
 * this node: a memory of when each device was last written answers the rest without the database.
 * That memory is bounded; when it is full it is forgotten, which only costs one extra write per device.
 */
@Component(service = {DeviceRecorder.class, DeviceService.class}, configurationPid = SecurityConfiguration.PID)
public final class DeviceRecorder implements DeviceService {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRecorder.class);
    static final int MAX_REMEMBERED = 100_000;
    static final int MAX_IP_LENGTH = 64;

    private final DeviceStore store;
    private final PluginRegistry registry;
    private volatile Duration touchEvery;
    private final Clock clock;
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

    @Activate
    public DeviceRecorder(@Reference DeviceStore store, @Reference PluginRegistry registry,
                          SecurityConfiguration config) {
        this(store, registry, config, Clock.systemUTC());
    }

    public DeviceRecorder(DeviceStore store, PluginRegistry registry, SecurityConfiguration config, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.touchEvery = Duration.ofSeconds(Math.max(1, config.device_touch_seconds()));
        this.clock = clock;
    }

    @Modified
    void modified(SecurityConfiguration config) {
        this.touchEvery = Duration.ofSeconds(Math.max(1, config.device_touch_seconds()));
    }

    /** A sign-in: always written. */
    public void signedIn(AccountRecord account, ClientInfo client) {
        record(account, client, true);
    }

    /** An API call: written only when this device was not written within the touch interval. */
    public void seen(AccountRecord account, ClientInfo client) {
        record(account, client, false);
    }

    private void record(AccountRecord account, ClientInfo client, boolean always) {
        if (account == null || client == null || client.ip() == null || client.ip().isBlank()) {
            return;
        }
        UserAgents.Device device = UserAgents.parse(client.userAgent());
        String ip = client.ip().length() > MAX_IP_LENGTH ? client.ip().substring(0, MAX_IP_LENGTH) : client.ip();
        String key = account.id() + '\n' + ip + '\n' + device.browser() + '\n' + device.os();
        Instant now = clock.instant();
        Instant last = lastWritten.get(key);
        if (!always && last != null && now.isBefore(last.plus(touchEvery))) {
            return;
        }
        if (lastWritten.size() >= MAX_REMEMBERED) {
            lastWritten.clear();
        }
        lastWritten.put(key, now);
        try {
            store.upsert(account.id(), ip, device.browser(), device.os(), now,
                    Expiry.of(registry, account.plan(), ArtifactKind.DEVICE_RECORD, now));
        } catch (RuntimeException e) {
            lastWritten.remove(key, now);
            // a device record is never worth failing the request it describes
            LOG.warn("device record for account {} could not be written", account.id(), e);
        }
    }

    /** Forgets what this node remembers of an account's devices (after its records were erased). */
    public void forget(String accountId) {
        lastWritten.keySet().removeIf(k -> k.startsWith(accountId + '\n'));
    }

    @Override
    public List<DeviceView> devices(Caller caller) {
        return store.byAccount(caller.accountId()).stream()
                .map(d -> new DeviceView(d.id(), d.ip(), d.browser(), d.os(), d.firstSeen(), d.lastSeen(),
                        d.expiresAt()))
                .toList();
    }
}
