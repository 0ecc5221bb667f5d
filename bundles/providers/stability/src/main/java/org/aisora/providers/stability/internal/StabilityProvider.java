package org.aisora.providers.stability.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.provider.TrainsOnContent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Stability AI through its REST v2beta API. Text-to-image and image-to-image are synchronous Stable Image
 * calls that finish in submit(); image-to-video and creative upscale run at Stability and are polled
 * from {@code /v2beta/results/{id}}. Stability offers neither cancellation nor deletion of a generation.
 */
@Component(name = StabilityConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = GenerationProvider.class)
@Designate(ocd = StabilityConfig.class, factory = true)
public final class StabilityProvider implements GenerationProvider {
    /** Stable Video Diffusion makes one clip of about four seconds; its length cannot be chosen. */
    static final int MAX_VIDEO_SECONDS = 4;
    static final String IMAGE_TO_VIDEO = "/v2beta/image-to-video";
    static final String UPSCALE = "/v2beta/stable-image/upscale/creative";
    private static final ThirdParty THIRD_PARTY = new ThirdParty(Settings.VENDOR,
            "async results deleted 24 h after generation; inputs, outputs and logs otherwise kept as its terms "
                    + "say (see vendor terms)", false);
    private static final Set<GenerationType> TYPES = Set.of(GenerationType.TEXT_TO_IMAGE,
            GenerationType.IMAGE_TO_IMAGE, GenerationType.IMAGE_TO_VIDEO, GenerationType.UPSCALE);

    private final Clock clock;
    private final ResultCache cache;
    private final StabilityApi api;
    /** Not verified either way: routing treats unknown like yes until the operator records an agreement. */
    static final String TRAINING_SOURCE = "unknown: Stability AI's terms (https://stability.ai/terms-of-use and its "
            + "API terms) were not verified to exclude training on API inputs and outputs";

    private volatile Settings settings;
    private volatile TrainingUse training;

    @Activate
    public StabilityProvider(StabilityConfig config) {
        this(config, Clock.systemUTC());
    }

    StabilityProvider(StabilityConfig config, Clock clock) {
        this.clock = clock;
        this.cache = new ResultCache(8, 2 * Settings.MAX_OUTPUT_BYTES, Duration.ofMinutes(10), clock);
        this.api = new StabilityApi(cache);
        modified(config);
        // nothing of this instance is in flight yet: whatever its folder holds was left by a crash
        settings.spool.sweep();
    }

    /** A new configuration starts afresh: a key refused under the old one is tried again. */
    @Modified
    void modified(StabilityConfig config) {
        settings = new Settings(config, clock);
        training = TrainingUse.stated(TrainsOnContent.UNKNOWN, TRAINING_SOURCE, config.training_agreement());
    }

    @Override
    public String id() {
        return settings.id;
    }

    @Override
    public PluginHealth health() {
        return settings.health();
    }

    @Override
    public ProviderCapabilities capabilities() {
        Settings s = settings;
        return new ProviderCapabilities(TYPES, s.maxWidth, s.maxHeight, MAX_VIDEO_SECONDS);
    }

    @Override
    public Optional<ThirdParty> thirdParty() {
        return Optional.of(THIRD_PARTY);
    }

    @Override
    public TrainingUse training() {
        return training;
    }

    @Override
    public long costMicros(GenerationRequest request) {
        return settings.prices.costMicros(request);
    }

    @Override
    public ProviderTask submit(GenerationRequest request) throws ProviderException {
        Settings s = usable();
        if (!capabilities().supports(request)) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "Stability AI cannot do "
                    + request.type().wireName() + " at " + request.width() + "x" + request.height()
                    + (request.type().producesVideo() ? " for " + request.durationSeconds() + " s" : ""), false);
        }
        return switch (request.type()) {
            case TEXT_TO_IMAGE -> api.generate(s, s.textModel.path(), Forms.textToImage(request, s.textModel));
            case IMAGE_TO_IMAGE -> api.generate(s, s.imageModel.path(),
                    Forms.imageToImage(request, s.imageModel, InputImage.of(request), s.strength));
            case IMAGE_TO_VIDEO -> api.start(s, IMAGE_TO_VIDEO,
                    Forms.imageToVideo(request, InputImage.videoFrame(request), s.cfgScale, s.motionBucketId),
                    TaskId.Kind.VIDEO);
            case UPSCALE -> api.start(s, UPSCALE, Forms.upscale(request, InputImage.of(request)), TaskId.Kind.UPSCALE);
            default -> throw new IllegalStateException("supports() admitted " + request.type());
        };
    }

    @Override
    public ProviderTask poll(String taskId) throws ProviderException {
        Optional<TaskId> task = TaskId.parse(taskId);
        if (task.isEmpty()) {
            return StabilityApi.unknown(taskId);
        }
        Optional<ResultCache.Entry> kept = cache.get(taskId);
        if (kept.isPresent()) {
            return ProviderTask.succeeded(taskId, List.of(kept.get().output()));
        }
        if (task.get().kind() == TaskId.Kind.IMAGE) {
            return StabilityApi.unknown(taskId); // finished in submit(); nothing is left at Stability to fetch
        }
        return api.fetch(usable(), task.get());
    }

    /**
     * Videos and upscales are fetched from Stability by id, from any node; an image is finished in submit and only
     * this node's memory kept it, so an image task cannot be picked up by another run.
     */
    @Override
    public boolean resumable(String taskId) {
        return TaskId.parse(taskId).map(t -> t.kind() != TaskId.Kind.IMAGE).orElse(false);
    }

    /** Stability cannot stop a generation; we only forget what we kept of it. */
    @Override
    public void cancel(String taskId) {
        cache.remove(taskId);
    }

    /** Stability offers no deletion (its async results expire after 24 h); our own copy goes at once. */
    @Override
    public void deleteTask(String taskId) {
        cache.remove(taskId);
    }

    private Settings usable() throws ProviderException {
        Settings s = settings;
        String why = s.unusable();
        if (why == null) {
            return s;
        }
        if (s.apiKey.isEmpty()) {
            throw new ProviderException(ProviderException.AUTH_FAILED, "Stability AI has no api key configured", false);
        }
        throw new ProviderException(ProviderException.UNAVAILABLE, "Stability AI is not usable: " + why, false);
    }
}
