package org.aisora.core.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aisora.api.plugin.Plugin;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class PluginSetTest {
    record P(String id) implements Plugin {
    }

    @Test
    void ordersByRankingThenIdAndPrefersTheConfiguredOne() {
        PluginSet<P> set = new PluginSet<>();
        set.add(new P("b"), Map.of());
        set.add(new P("a"), Map.of());
        set.add(new P("z"), Map.of(Constants.SERVICE_RANKING, 10));
        assertEquals(List.of("z", "a", "b"), set.ranked().stream().map(P::id).toList());
        assertEquals("b", set.preferred("b").orElseThrow().id());
        assertEquals("z", set.preferred("missing").orElseThrow().id());
    }

    @Test
    void removingAReplacedInstanceKeepsTheReplacement() {
        PluginSet<P> set = new PluginSet<>();
        P first = new P("x");
        P second = new P("x");
        set.add(first, Map.of());
        set.add(second, Map.of()); // a reconfigured plugin is bound before the old one is unbound
        set.remove(first);
        assertTrue(set.get("x").orElseThrow() == second);
        set.remove(second);
        assertTrue(set.isEmpty());
    }
}
