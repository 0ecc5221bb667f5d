package org.aisora.rest.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.rest.internal.app.JsonProvider;
import org.junit.jupiter.api.Test;

class ModelsTest {
    private static final List<PluginInfo> PLUGINS = List.of(
            new PluginInfo(PluginFamily.PROVIDER, "stability", PluginHealth.offline("no api key"), 0, false),
            new PluginInfo(PluginFamily.STORAGE, "filesystem", PluginHealth.online(), 0, true),
            new PluginInfo(PluginFamily.PROVIDER, "builtin", PluginHealth.online(), 0, true),
            new PluginInfo(PluginFamily.MODERATION, "rules", PluginHealth.online(), 0, true));

    @Test
    void theModelsAreTheInstalledProvidersInOpenAisListShape() throws Exception {
        assertEquals(Set.of("builtin", "stability"), Models.providerIds(PLUGINS));
        assertEquals("{\"object\":\"list\",\"data\":["
                + "{\"id\":\"builtin\",\"object\":\"model\",\"created\":0,\"owned_by\":\"aisora\"},"
                + "{\"id\":\"stability\",\"object\":\"model\",\"created\":0,\"owned_by\":\"aisora\"}]}",
                JsonProvider.mapper().writeValueAsString(Models.of(PLUGINS)));
    }

    @Test
    void noProvidersIsAnEmptyList() throws Exception {
        assertEquals("{\"object\":\"list\",\"data\":[]}", JsonProvider.mapper().writeValueAsString(Models.of(List.of())));
    }
}
