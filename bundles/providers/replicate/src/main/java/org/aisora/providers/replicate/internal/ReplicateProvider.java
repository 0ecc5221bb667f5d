package org.aisora.providers.replicate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
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
import org.aisora.providers.replicate.internal.ModelRoutes.Route;
import org.aisora.providers.support.ProviderJson;
import org.aisora.support.vendorhttp.Json;
import org.aisora.support.vendorhttp.VendorHealth;
import org.aisora.support.vendorhttp.VendorResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Generations as Replicate predictions (HTTP API v1). A prediction is created on the model's own
 * endpoint (or with a pinned version), optionally waiting a few seconds for fast models, then polled
 * by id. Outputs are copied the moment a prediction succeeds: Replicate removes API predictions'
 * files after an hour, and the core must never be handed a vendor URL.
 */
@Component(name = ReplicateConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ReplicateConfig.class, factory = true)
public final class ReplicateProvider implements GenerationProvider {
    static final String RETENTION = "API predictions: inputs, outputs, output files and logs removed after one hour;"
            + " prediction metadata kept";
    private static final Set<GenerationType> NEED_INPUT = EnumSet.of(GenerationType.IMAGE_TO_IMAGE,
            GenerationType.IMAGE_TO_VIDEO, GenerationType.UPSCALE);

    /** Not verified either way: routing treats unknown like yes until the operator records an agreement. */
    static final String TRAINING_SOURCE = "unknown: Replicate's terms (https://replicate.com/terms) were not verified "
            + "to exclude training on API inputs and outputs, by Replicate or by the authors of the models it runs";

    private volatile ReplicateAccount account;
    private volatile TrainingUse training;

    @Activate
    public ReplicateProvider(ReplicateConfig config) {
        modified(config);
        // nothing of this instance is in flight yet: whatever its folder holds was left by a crash
        account.spool().sweep();
    }

    @Modified
    void modified(ReplicateConfig config) {
        account = ReplicateAccount.of(config, Clock.systemUTC());
        training = TrainingUse.stated(TrainsOnContent.UNKNOWN, TRAINING_SOURCE, config.training_agreement());
    }

    @Override
    public String id() {
        return account.id();
    }

    @Override
    public PluginHealth health() {
        ReplicateAccount a = account;
        if (a.apiKey().isEmpty()) {
            return PluginHealth.offline("no api key");
        }
        if (!a.setupProblem().isEmpty()) {
            return PluginHealth.offline(a.setupProblem());
        }
        if (a.routes().types().isEmpty() && !a.keyRefused().get()) {
            return PluginHealth.offline("no models configured");
        }
        return VendorHealth.of(a.keyRefused().get(), a.problems());
    }

    @Override
    public ProviderCapabilities capabilities() {
        return account.capabilities();
    }

    @Override
    public Optional<ThirdParty> thirdParty() {
        return Optional.of(new ThirdParty(ReplicateAccount.VENDOR, RETENTION, false));
    }

    @Override
    public TrainingUse training() {
        return training;
    }

    @Override
    public long costMicros(GenerationRequest request) {
        return account.prices().costMicros(request);
    }

    @Override
    public ProviderTask submit(GenerationRequest request) throws ProviderException {
        ReplicateAccount a = usable();
        Route route = a.routes().route(request.type()).orElseThrow(() -> new ProviderException(
                ProviderException.INVALID_REQUEST, "no Replicate model is configured for " + request.type().wireName(),
                false));
        if (!a.capabilities().supports(request) || request.width() < 1 || request.height() < 1) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "size or duration outside what this "
                    + "Replicate account is configured for", false);
        }
        if (NEED_INPUT.contains(request.type()) && request.input() == null) {
            throw new ProviderException(ProviderException.INVALID_REQUEST,
                    request.type().wireName() + " needs an input image", false);
        }
        byte[] body = Json.bytes(Predictions.createBody(route, request, a.maxInputBytes()));
        HttpRequest.Builder create = authorized(a, route.createPath())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (a.waitSeconds() > 0) {
            // the create call may now hold the connection that long: our timeout comes on top of it
            create.header("Prefer", "wait=" + a.waitSeconds())
                    .timeout(a.timeout().plus(Duration.ofSeconds(a.waitSeconds())));
        }
        return a.gate().call(() -> Predictions.toTask(call(a, create.build()), a.outputs()));
    }

    @Override
    public ProviderTask poll(String taskId) throws ProviderException {
        ReplicateAccount a = usable();
        HttpRequest get = authorized(a, "/v1/predictions/" + Predictions.checkedId(taskId)).GET().build();
        return a.gate().call(() -> Predictions.toTask(call(a, get), a.outputs()));
    }

    /** Replicate keeps its predictions: any node reads one by its id, so a job whose node died is polled. */
    @Override
    public boolean resumable(String taskId) {
        return taskId != null && !taskId.isBlank();
    }

    @Override
    public void cancel(String taskId) throws ProviderException {
        ReplicateAccount a = usable();
        HttpRequest cancel = authorized(a, "/v1/predictions/" + Predictions.checkedId(taskId) + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        a.gate().call(() -> call(a, cancel));
    }

    /** The current account, or the reason no call is made with it. */
    private ReplicateAccount usable() throws ProviderException {
        ReplicateAccount a = account;
        if (a.apiKey().isEmpty() || !a.setupProblem().isEmpty()) {
            throw new ProviderException(ProviderException.UNAVAILABLE, "the Replicate provider '" + a.id()
                    + "' is not configured: " + health().reason(), false);
        }
        if (a.keyRefused().get()) {
            throw new ProviderException(ProviderException.AUTH_FAILED,
                    "Replicate refused the API key; waiting for a new configuration", false);
        }
        return a;
    }

    private static HttpRequest.Builder authorized(ReplicateAccount a, String path) {
        return a.api().request(path).header("Authorization", "Bearer " + a.apiKey())
                .header("Accept", "application/json");
    }

    /** One API call; a refused key marks the account so health turns OFFLINE until it is reconfigured. */
    private static JsonNode call(ReplicateAccount a, HttpRequest request) throws ProviderException {
        VendorResponse response = a.api().exchange(request);
        if (!response.ok()) {
            if (response.status() == 401 || response.status() == 403) {
                a.keyRefused().set(true);
            }
            throw a.api().failure(response);
        }
        return ProviderJson.parse(response);
    }
}
