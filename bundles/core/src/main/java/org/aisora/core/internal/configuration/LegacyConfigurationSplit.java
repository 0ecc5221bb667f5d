package org.aisora.core.internal.configuration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the settings of the old single PID ({@code org.aisora.core}, etc/org.aisora.core.cfg) into the area
 * PIDs, at start and whenever such a configuration appears (an old file copied into etc/). A setting already
 * present in its area wins; a name no area knows is logged and dropped. The old configuration is then deleted
 * (Karaf deletes its file), so that no setting is read from two places.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class LegacyConfigurationSplit implements ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyConfigurationSplit.class);
    /** Properties Configuration Admin and Karaf's file install keep with any configuration. */
    private static final Set<String> BOOKKEEPING = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, "felix.fileinstall.filename", "component.name",
            "component.id");

    private final ConfigurationAdmin admin;

    @Activate
    public LegacyConfigurationSplit(@Reference ConfigurationAdmin admin) {
        this.admin = admin;
        split();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_UPDATED && ConfigurationAreas.LEGACY_PID.equals(event.getPid())) {
            split();
        }
    }

    /** @return the number of settings moved */
    synchronized int split() {
        try {
            Optional<Configuration> legacy = legacy();
            if (legacy.isEmpty() || legacy.get().getProperties() == null) {
                return 0;
            }
            Map<String, Map<String, Object>> byArea = new LinkedHashMap<>();
            List<String> unknown = new ArrayList<>();
            Dictionary<String, Object> old = legacy.get().getProperties();
            for (Enumeration<String> keys = old.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (BOOKKEEPING.contains(key)) {
                    continue;
                }
                Optional<String> area = ConfigurationAreas.areaOf(key);
                if (area.isPresent()) {
                    byArea.computeIfAbsent(area.get(), a -> new LinkedHashMap<>()).put(key, old.get(key));
                } else {
                    unknown.add(key);
                }
            }
            int moved = 0;
            for (Map.Entry<String, Map<String, Object>> e : byArea.entrySet()) {
                moved += merge(e.getKey(), e.getValue());
            }
            legacy.get().delete();
            LOG.warn("{} is split into one PID per area: {} setting(s) moved to {}{}; the old configuration is"
                    + " deleted", ConfigurationAreas.LEGACY_PID, moved, byArea.keySet(),
                    unknown.isEmpty() ? "" : ", unknown and dropped: " + unknown);
            return moved;
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.error("{} could not be split into the area PIDs; its settings are not applied: {}",
                    ConfigurationAreas.LEGACY_PID, e.toString());
            return 0;
        }
    }

    private Optional<Configuration> legacy() throws IOException, InvalidSyntaxException {
        Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "="
                + ConfigurationAreas.LEGACY_PID + ")");
        return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    /** Adds the settings the area does not have yet. @return how many were added */
    private int merge(String pid, Map<String, Object> settings) throws IOException {
        Configuration area = admin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = area.getProperties() == null ? new Hashtable<>() : area.getProperties();
        int added = 0;
        for (Map.Entry<String, Object> s : settings.entrySet()) {
            if (props.get(s.getKey()) == null) {
                props.put(s.getKey(), s.getValue());
                added++;
            }
        }
        if (added > 0) {
            area.update(props);
        }
        return added;
    }
}
