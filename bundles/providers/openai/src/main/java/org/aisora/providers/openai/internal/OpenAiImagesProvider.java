package org.aisora.providers.openai.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.provider.TrainsOnContent;
import org.aisora.providers.support.ConcurrencyGate;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.support.vendorhttp.VendorHealth;
import org.aisora.support.vendorhttp.VendorHttp;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Images from OpenAI's Images API, one component per account configuration. OpenAI answers a call with
 * the finished image, so submit() returns a terminal task and poll() only repeats it.
 * There is deliberately no {@code @Modified}: a changed configuration gives a new instance, so the id,
 * the endpoint and a remembered key refusal all start afresh together.
 */
@Component(name = OpenAiImagesConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = GenerationProvider.class)
@Designate(ocd = OpenAiImagesConfig.class, factory = true)
public final class OpenAiImagesProvider implements GenerationProvider {
    static final String VENDOR = "OpenAI";
    private static final ThirdParty THIRD_PARTY = new ThirdParty(VENDOR,
            "API inputs and outputs kept up to 30 days for abuse monitoring, not used for training", false);
    private static final TrainingUse TRAINING = TrainingUse.stated(TrainsOnContent.NO, "OpenAI's API data usage "
            + "policy (https://openai.com/policies/api-data-usage-policies): data sent to the API is not used to train "
            + "OpenAI's models unless the customer opts in", null);
    private static final int REMEMBERED_TASKS = 16;

    private final OpenAiSettings settings;
    private final ImagesApi api;
    private final OutputSpool spool;
    private final ConcurrencyGate gate;
    private final FinishedTasks finished = new FinishedTasks(REMEMBERED_TASKS);
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean keyRefused;

    @Activate
    public OpenAiImagesProvider(OpenAiImagesConfig config) {
        this(OpenAiSettings.of(config), config.spool_dir(), Clock.systemUTC());
        // nothing of this instance is in flight yet: whatever its folder holds was left by a crash
        spool.sweep();
    }

    OpenAiImagesProvider(OpenAiSettings settings, String spoolDir, Clock clock) {
        this.settings = settings;
        this.spool = OutputSpool.forProvider(spoolDir, settings.id());
        this.gate = new ConcurrencyGate(VENDOR, settings.maxConcurrency());
        this.api = settings.fatal() != null ? null : new ImagesApi(settings, new ProviderHttp(VENDOR,
                settings.baseUrl(), Duration.ofMillis(settings.connectTimeoutMs()),
                Duration.ofMillis(settings.requestTimeoutMs()), VendorHttp.ERROR_BODY_BYTES, clock), spool);
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public PluginHealth health() {
        if (settings.fatal() != null) {
            return PluginHealth.offline(settings.fatal());
        }
        return VendorHealth.of(keyRefused, settings.problems());
    }

    @Override
    public ProviderCapabilities capabilities() {
        Set<GenerationType> types = settings.edits()
                ? EnumSet.of(GenerationType.TEXT_TO_IMAGE, GenerationType.IMAGE_TO_IMAGE)
                : EnumSet.of(GenerationType.TEXT_TO_IMAGE);
        return new ProviderCapabilities(types, settings.maxWidth(), settings.maxHeight(), 0);
    }

    @Override
    public ProviderTask submit(GenerationRequest request) throws ProviderException {
        check(request);
        GeneratedOutput output;
        try {
            output = gate.call(() -> request.type() == GenerationType.TEXT_TO_IMAGE
                    ? api.generate(request) : api.edit(request));
        } catch (ProviderException e) {
            if (ProviderException.AUTH_FAILED.equals(e.code())) {
                keyRefused = true;
            }
            throw e;
        }
        ProviderTask task = ProviderTask.succeeded(settings.id() + "-" + request.jobId() + "-"
                + sequence.incrementAndGet(), List.of(output));
        finished.put(task);
        return task;
    }

    @Override
    public ProviderTask poll(String taskId) throws ProviderException {
        ProviderTask task = finished.get(taskId);
        if (task == null) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "unknown task " + taskId, false);
        }
        return task;
    }

    /** Every task is finished before anyone learns its id, and a finished image cannot be called back. */
    @Override
    public void cancel(String taskId) {
    }

    @Override
    public Optional<ThirdParty> thirdParty() {
        return Optional.of(THIRD_PARTY);
    }

    @Override
    public TrainingUse training() {
        return TRAINING;
    }

    @Override
    public long costMicros(GenerationRequest request) {
        return settings.prices().costMicros(request);
    }

    /** Everything that would make OpenAI answer 400 is refused here, without a call and without cost. */
    private void check(GenerationRequest request) throws ProviderException {
        if (settings.fatal() != null) {
            String code = settings.apiKey().isEmpty() ? ProviderException.AUTH_FAILED : ProviderException.UNAVAILABLE;
            throw new ProviderException(code, "provider " + settings.id() + " cannot call OpenAI: " + settings.fatal(),
                    false);
        }
        if (!capabilities().types().contains(request.type())) {
            throw new ProviderException(ProviderException.INVALID_REQUEST,
                    settings.model() + " does not do " + request.type().wireName(), false);
        }
        if (request.type() == GenerationType.IMAGE_TO_IMAGE && request.input() == null) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "image-to-image needs an input image", false);
        }
        if (!settings.sizes().contains(new OpenAiSettings.Size(request.width(), request.height()))) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, settings.model() + " makes only "
                    + settings.sizes().stream().map(Object::toString).sorted().toList() + ", not "
                    + request.width() + "x" + request.height(), false);
        }
    }
}
