package org.aisora.core.internal.moderation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Whether what vendor providers make can be moderated. A vendor's images come back from a third party and
 * only a classifier can judge them (a hash blocklist knows only the images it was given), so while vendor
 * providers are installed and no engine classifies images, health says so, and with
 * {@code images.required} (the default) routing leaves the vendors out. The built-in provider is never
 * affected: it runs here and renders no photographs.
 */
@Component(service = ImageModeration.class, configurationPid = ModerationConfiguration.PID)
@Designate(ocd = ModerationConfiguration.class)
public final class ImageModeration {
    public static final String UNAVAILABLE = "image_moderation_unavailable";
    /** A 503's Retry-After: the condition lasts until an operator installs an engine, so not seconds. */
    public static final long RETRY_AFTER_SECONDS = 300;

    private volatile boolean required;

    @Activate
    public ImageModeration(ModerationConfiguration config) {
        modified(config);
    }

    private ImageModeration(boolean required) {
        this.required = required;
    }

    /** Fixed, outside DS (tests, and the registry built without one); a factory, so DS sees one constructor. */
    public static ImageModeration fixed(boolean required) {
        return new ImageModeration(required);
    }

    @Modified
    public void modified(ModerationConfiguration config) {
        this.required = config.images_required();
    }

    public boolean required() {
        return required;
    }

    /** A provider that sends prompts out: one with a third party. One that cannot say is treated as one. */
    public static boolean vendor(GenerationProvider provider) {
        try {
            return provider.thirdParty().isPresent();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** An engine that classifies images and is not OFFLINE (one without a working key classifies nothing). */
    public static boolean classifier(Collection<ModerationEngine> engines) {
        for (ModerationEngine engine : engines) {
            try {
                PluginHealth health = engine.health();
                if (engine.classifiesImages() && (health == null || health.status() != PluginHealth.Status.OFFLINE)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // an engine that cannot describe itself classifies nothing we can count on
            }
        }
        return false;
    }

    /** Whether a job may not go to this provider now. */
    public boolean refuses(GenerationProvider provider, Collection<ModerationEngine> engines) {
        return required && vendor(provider) && !classifier(engines);
    }

    /** The reason health is DEGRADED, or empty when vendors' images can be moderated or there are no vendors. */
    public Optional<String> gap(Collection<GenerationProvider> providers, Collection<ModerationEngine> engines) {
        List<String> vendors = providers.stream().filter(ImageModeration::vendor).map(GenerationProvider::id)
                .sorted().toList();
        if (vendors.isEmpty() || classifier(engines)) {
            return Optional.empty();
        }
        return Optional.of("no moderation engine classifies images while vendor providers are installed ("
                + String.join(", ", vendors) + "); " + (required
                ? "jobs are not sent to them until one is (e.g. aisora-moderation-openai)"
                : "images.required=false sends them jobs whose images are not classified"));
    }

    /** The sentence a refused job or request carries, after what was refused ("provider 'x' is a vendor provider"). */
    public static String refusal(String clause) {
        return clause + ", and no installed moderation engine classifies images; an operator must install one"
                + " (e.g. aisora-moderation-openai)";
    }
}
