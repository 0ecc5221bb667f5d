package org.aisora.core.internal.configuration;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.core.internal.analytics.AnalyticsConfiguration;
import org.aisora.core.internal.generation.JobsConfiguration;
import org.aisora.core.internal.limits.PlansConfiguration;
import org.aisora.core.internal.media.MediaConfiguration;
import org.aisora.core.internal.node.NodeConfiguration;
import org.aisora.core.internal.notify.MailConfiguration;
import org.aisora.core.internal.retention.RetentionConfiguration;
import org.aisora.core.internal.security.SecurityConfiguration;

/**
 * The core's settings by area: one PID per area, each with its OCD next to the component that owns it. Knows
 * which area a property name belongs to, from the OCDs themselves (DS names: {@code max_image_side} is the
 * property {@code max.image.side}).
 */
public final class ConfigurationAreas {
    /** The one PID every core setting had before the split (etc/org.aisora.core.cfg). */
    public static final String LEGACY_PID = "org.aisora.core";

    static final List<Class<?>> AREAS = List.of(JobsConfiguration.class, PlansConfiguration.class,
            MediaConfiguration.class, MailConfiguration.class, RetentionConfiguration.class,
            SecurityConfiguration.class, AnalyticsConfiguration.class, NodeConfiguration.class);

    private static final Map<String, String> PID_BY_PROPERTY = index();

    private ConfigurationAreas() {
    }

    /** The area PID a property of the legacy PID moves to; empty for a name no area knows. */
    public static Optional<String> areaOf(String property) {
        return Optional.ofNullable(PID_BY_PROPERTY.get(property));
    }

    /** Every property name the areas define, with its area PID. */
    public static Map<String, String> properties() {
        return PID_BY_PROPERTY;
    }

    static String pid(Class<?> area) {
        try {
            Field f = area.getField("PID");
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(area + " declares no PID", e);
        }
    }

    /** The DS property name of an annotation element (§112.8.2.1: {@code _} is a dot, {@code __} an underscore). */
    static String propertyName(String element) {
        return element.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Map<String, String> index() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Class<?> area : AREAS) {
            String pid = pid(area);
            for (Method m : area.getDeclaredMethods()) {
                String previous = out.put(propertyName(m.getName()), pid);
                if (previous != null) {
                    throw new IllegalStateException(m.getName() + " is in two areas: " + previous + ", " + pid);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
