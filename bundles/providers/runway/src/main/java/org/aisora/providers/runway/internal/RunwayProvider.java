package org.aisora.providers.runway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.aisora.providers.support.ConcurrencyGate;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.support.vendorhttp.VendorHealth;
import org.aisora.support.vendorhttp.VendorHttp;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runway's developer API as a generation provider: image-to-video and text-to-video. Tasks run at Runway;
 * submit starts one, poll reads it and, once it succeeded, downloads the video before reporting success.
 */
@Component(name = RunwayProviderConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RunwayProviderConfig.class, factory = true)
public final class RunwayProvider implements GenerationProvider {
    static final String VENDOR = "Runway";
    static final String RETENTION = "Output URLs expire within 24-48 hours; Runway's terms let it keep and use "
            + "inputs and outputs to improve its models; tasks can be deleted through the API";
    private static final String BAD_BASE_URL = "base_url is not an absolute http(s) URL";
    /** A task document is small; anything near this is not one. */
    private static final long MAX_API_RESPONSE = 1024 * 1024;
    private static final Set<GenerationType> TYPES = Set.of(GenerationType.IMAGE_TO_VIDEO,
            GenerationType.TEXT_TO_VIDEO);

    /**
     * Everything one configuration produces; replaced whole on reconfiguration, which also clears a refused
     * key. Client, reader and gate are null when base_url is unusable.
     */
    private record Account(RunwaySettings settings, RunwayClient client, TaskReader reader, ConcurrencyGate gate,
                           AtomicBoolean keyRefused, OutputSpool spool) {
    }

    /** The vendor's own word, kept beside the retention it states (the third-party record shows that one). */
    static final String TRAINING_SOURCE = "Runway's Terms of Use (https://runwayml.com/terms-of-use) let it use "
            + "inputs and outputs to develop and improve its models";

    private volatile Account account;
    private volatile TrainingUse training;

    @Activate
    public RunwayProvider(RunwayProviderConfig config) {
        modified(config);
        // nothing of this instance is in flight yet: whatever its folder holds was left by a crash
        account.spool().sweep();
    }

    @Modified
    void modified(RunwayProviderConfig config) {
        account = open(config, Clock.systemUTC());
        training = TrainingUse.stated(TrainsOnContent.YES, TRAINING_SOURCE, config.training_agreement());
    }

    private static Account open(RunwayProviderConfig config, Clock clock) {
        RunwaySettings settings = RunwaySettings.of(config);
        AtomicBoolean keyRefused = new AtomicBoolean();
        Duration connect = Duration.ofMillis(Math.max(1, config.connect_timeout_ms()));
        Duration download = Duration.ofMillis(Math.max(1, config.download_timeout_ms()));
        OutputSpool spool = OutputSpool.forProvider(config.spool_dir(), settings.id());
        ProviderHttp api;
        ProviderHttp cdn;
        try {
            api = new ProviderHttp(VENDOR, config.base_url(), connect,
                    Duration.ofMillis(Math.max(1, config.request_timeout_ms())), MAX_API_RESPONSE, clock);
            // downloads get a client of their own: no key is ever added to it; videos stream to the spool,
            // so its own cap only bounds an error answer's body
            cdn = new ProviderHttp(VENDOR + " CDN", config.base_url(), connect, download, VendorHttp.ERROR_BODY_BYTES,
                    clock);
        } catch (IllegalArgumentException e) {
            return new Account(settings, null, null, null, keyRefused, spool);
        }
        OutputDownloader downloader = new OutputDownloader(cdn, spool, Math.max(1, config.max_output_bytes()),
                settings.outputHosts(), config.allow_http_outputs(), download);
        return new Account(settings, new RunwayClient(api, settings.apiKey(), settings.apiVersion(), keyRefused),
                new TaskReader(downloader), new ConcurrencyGate(VENDOR, config.max_concurrency()), keyRefused, spool);
    }

    @Override
    public String id() {
        return account.settings().id();
    }

    @Override
    public PluginHealth health() {
        Account a = account;
        if (!a.settings().hasKey()) {
            return PluginHealth.offline("no api key");
        }
        if (a.client() == null) {
            return PluginHealth.offline(BAD_BASE_URL);
        }
        return VendorHealth.of(a.keyRefused().get(), a.settings().problems());
    }

    @Override
    public ProviderCapabilities capabilities() {
        Shapes shapes = account.settings().shapes();
        return new ProviderCapabilities(TYPES, shapes.maxWidth(), shapes.maxHeight(), shapes.maxDuration());
    }

    @Override
    public ProviderTask submit(GenerationRequest request) throws ProviderException {
        Account a = ready();
        ObjectNode body = switch (request.type()) {
            case IMAGE_TO_VIDEO -> RunwayBodies.imageToVideo(request, a.settings());
            case TEXT_TO_VIDEO -> RunwayBodies.textToVideo(request, a.settings());
            default -> throw new ProviderException(ProviderException.INVALID_REQUEST,
                    "Runway makes videos, not " + request.type().wireName(), false);
        };
        String path = request.type() == GenerationType.IMAGE_TO_VIDEO ? "/v1/image_to_video" : "/v1/text_to_video";
        return ProviderTask.running(a.gate().call(() -> a.client().start(path, body)));
    }

    @Override
    public ProviderTask poll(String taskId) throws ProviderException {
        Account a = ready();
        return a.gate().call(() -> a.reader().read(taskId, a.client().task(taskId)));
    }

    /** Runway keeps its tasks: any node reads one by its id, so a job whose node died is polled, not resent. */
    @Override
    public boolean resumable(String taskId) {
        return taskId != null && !taskId.isBlank();
    }

    /** Runway's DELETE stops a pending or running task (and discards a finished one). */
    @Override
    public void cancel(String taskId) throws ProviderException {
        Account a = ready();
        a.gate().call(() -> {
            a.client().delete(taskId);
            return null;
        });
    }

    @Override
    public void deleteTask(String taskId) throws ProviderException {
        cancel(taskId);
    }

    @Override
    public Optional<ThirdParty> thirdParty() {
        return Optional.of(new ThirdParty(VENDOR, RETENTION, true));
    }

    @Override
    public TrainingUse training() {
        return training;
    }

    /** Runway bills the clip it makes, so a per-second price applies to the rounded-up length. */
    @Override
    public long costMicros(GenerationRequest request) {
        RunwaySettings settings = account.settings();
        GenerationRequest billed = request;
        try {
            billed = new GenerationRequest(request.jobId(), request.type(), request.prompt(), request.negativePrompt(),
                    request.width(), request.height(), settings.shapes().duration(request.durationSeconds()),
                    request.seed(), request.input());
        } catch (ProviderException e) {
            // longer than Runway makes: submit refuses it, so what it would cost does not matter
        }
        return settings.prices().costMicros(billed);
    }

    /** Calls without a key would only be refused; say so without asking Runway. */
    private Account ready() throws ProviderException {
        Account a = account;
        if (!a.settings().hasKey()) {
            throw new ProviderException(ProviderException.AUTH_FAILED, "no Runway api key is configured", false);
        }
        if (a.client() == null) {
            throw new ProviderException(ProviderException.UNAVAILABLE, BAD_BASE_URL, false);
        }
        return a;
    }
}
