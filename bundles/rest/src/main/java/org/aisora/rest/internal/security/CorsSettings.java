package org.aisora.rest.internal.security;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CORS origins (PID {@value #PID}, e.g. {@code cors.allowed.origins = https://app.example.com}).
 * This component exists only while that configuration does, so CORS is off until an operator turns it
 * on. It is not a JAX-RS extension itself: {@link CorsFilter} binds it dynamically, so a change applies
 * in place and never makes the whiteboard rewire the application (see {@code OpenAiConfig}).
 */
@Component(service = CorsSettings.class, configurationPid = CorsSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CorsSettings.Config.class)
public final class CorsSettings {
    public static final String PID = "org.aisora.rest";
    private static final Logger LOG = LoggerFactory.getLogger(CorsSettings.class);

    /** The REST bundle's settings. */
    @ObjectClassDefinition(name = "AiSora REST API", description = "Cross-origin access to /api/v1")
    public @interface Config {
        @AttributeDefinition(description = "Origins (scheme://host[:port]) whose pages may call the API from a"
                + " browser; empty: CORS off")
        String[] cors_allowed_origins() default {};

        @AttributeDefinition(description = "How long a browser may cache a preflight answer, seconds")
        int cors_max_age_seconds() default 600;
    }

    private volatile Set<String> origins = Set.of();
    private volatile int maxAgeSeconds = 600;

    @Activate
    public CorsSettings(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        Set<String> accepted = new LinkedHashSet<>();
        for (String entry : config.cors_allowed_origins() == null ? new String[0] : config.cors_allowed_origins()) {
            for (String part : entry == null ? new String[0] : entry.split(",")) {
                String origin = normalize(part.trim());
                if (origin != null) {
                    accepted.add(origin);
                } else if (!part.isBlank()) {
                    LOG.warn("cors.allowed.origins: '{}' is not scheme://host[:port], ignored", part.trim());
                }
            }
        }
        this.origins = Set.copyOf(accepted);
        this.maxAgeSeconds = Math.max(0, config.cors_max_age_seconds());
    }

    public boolean allows(String origin) {
        String normalized = origin == null ? null : normalize(origin.trim());
        return normalized != null && origins.contains(normalized);
    }

    public int maxAgeSeconds() {
        return maxAgeSeconds;
    }

    /** An origin as browsers send it: lower-case scheme and host, a port only when given; else null. */
    static String normalize(String origin) {
        if (origin.isEmpty() || origin.equals("null") || origin.equals("*")) {
            return null;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null || !bare) {
                return null;
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
