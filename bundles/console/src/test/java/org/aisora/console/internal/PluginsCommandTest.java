package org.aisora.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.aisora.api.plugin.PluginInfo;
import org.junit.jupiter.api.Test;

/** The "Trains on content" column of aisora:plugins. */
class PluginsCommandTest {
    @Test
    void showsTheStatementAndWhetherJobsAreRouted() {
        assertEquals("no", PluginsCommand.training(new PluginInfo.Training("no", "ours", "none", true)));
        assertEquals("yes: not routed (set training.agreement=no-training)",
                PluginsCommand.training(new PluginInfo.Training("yes", "Runway's terms", "none", false)));
        assertEquals("unknown: routed (no-training agreement)",
                PluginsCommand.training(new PluginInfo.Training("unknown", "not verified", "no-training", true)));
        assertEquals("", PluginsCommand.training(null), "other families state nothing");
    }
}
