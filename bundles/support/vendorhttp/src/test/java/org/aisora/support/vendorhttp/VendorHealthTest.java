package org.aisora.support.vendorhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.aisora.api.plugin.PluginHealth;
import org.junit.jupiter.api.Test;

class VendorHealthTest {
    @Test
    void aRefusedKeyIsOfflineBeforeProblemsDegrade() {
        assertEquals(PluginHealth.offline(VendorHealth.KEY_REFUSED), VendorHealth.of(true, List.of("bad price")));
        assertEquals(PluginHealth.degraded("bad price; bad host"), VendorHealth.of(false, List.of("bad price",
                "bad host")));
        assertEquals(PluginHealth.online(), VendorHealth.of(false, List.of()));
    }
}
