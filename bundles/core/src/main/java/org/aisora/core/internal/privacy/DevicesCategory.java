package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.DeviceStore;
import org.aisora.api.store.SessionStore;

/**
 * {@code devices.json}: the devices recorded at sign-in and on API use (IP, browser, OS, first and last
 * seen) and the sign-in sessions (times only, never the token). Erasure deletes the device records; the
 * sessions go first of all with {@link SessionsCategory}.
 */
final class DevicesCategory implements PersonalDataCategory {
    private final DeviceStore devices;
    private final SessionStore sessions;

    DevicesCategory(DeviceStore devices, SessionStore sessions) {
        this.devices = devices;
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> seen = devices.byAccount(accountId).stream().map(d -> (Object) Rows.of().put("ip", d.ip())
                .put("browser", d.browser()).put("os", d.os()).put("firstSeen", d.firstSeen())
                .put("lastSeen", d.lastSeen()).put("expiresAt", d.expiresAt()).map()).toList();
        List<Object> signIns = sessions.listByAccount(accountId).stream()
                .map(s -> (Object) Rows.of().put("createdAt", s.createdAt()).put("expiresAt", s.expiresAt())
                        .put("lastUsedAt", s.lastUsedAt()).put("device", s.device()).map())
                .toList();
        sink.json("devices.json", Rows.of().put("sessions", signIns).put("devices", seen).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return devices.deleteByAccount(accountId);
    }
}
