package org.aisora.core.internal.plugins;

import java.util.Map;
import org.osgi.framework.Constants;

/** A plugin service with the ranking it was registered with. */
public record Ranked<T>(T plugin, int ranking) {
    static int rankingOf(Map<String, ?> properties) {
        Object value = properties.get(Constants.SERVICE_RANKING);
        return value instanceof Integer ranking ? ranking : 0;
    }
}
