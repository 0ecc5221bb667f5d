package org.aisora.core.internal.analytics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Usage statistics (PID org.aisora.core.analytics, file etc/org.aisora.core.analytics.cfg): the smallest group of
 * users a counter may describe.
 */
@ObjectClassDefinition(name = "AiSora analytics", description = "Aggregated usage statistics")
public @interface AnalyticsConfiguration {
    String PID = "org.aisora.core.analytics";

    @AttributeDefinition(description = "Analytics: a daily counter made by fewer distinct users than this is withheld")
    int analytics_k() default 5;
}
