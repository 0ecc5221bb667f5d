package org.aisora.providers.builtin.internal;

import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.transcode.VideoEncoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A provider that works on any machine with no account anywhere: it renders at once, so every task it
 * hands out is already terminal. Images are drawn in Java; clips are drawn frame by frame and encoded by
 * the platform's active transcoder (the VideoEncoder service), so video types exist only while one is installed. Useful for demos, tests and as the fallback when no AI backend is set up.
 */
@Component(name = BuiltinProviderConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BuiltinProviderConfig.class, factory = false)
public final class BuiltinProvider implements GenerationProvider {
    static final String ID = "builtin";
    static final int LIMIT = 2048;
    /** poll() re-renders from the request instead of keeping image bytes, so only requests are remembered. */
    private static final int REMEMBERED_TASKS = 1024;

    private final Map<String, GenerationRequest> tasks = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GenerationRequest> eldest) {
            return size() > REMEMBERED_TASKS;
        }
    };
    /** Clips are at most this long: they are rendered on the job's worker thread. */
    static final int MAX_CLIP_SECONDS = 10;

    private volatile Limits limits;
    /** The platform's active transcoder; without one the provider offers images only. */
    private volatile VideoEncoder encoder;

    @Activate
    public BuiltinProvider(BuiltinProviderConfig config) {
        modified(config);
    }

    @Modified
    void modified(BuiltinProviderConfig config) {
        limits = Limits.of(config);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEncoder")
    public synchronized void bindEncoder(VideoEncoder newEncoder) {
        encoder = newEncoder;
    }

    /** A greedy rebind binds the new encoder first; only the encoder still in use is forgotten. */
    public synchronized void unbindEncoder(VideoEncoder oldEncoder) {
        if (encoder == oldEncoder) {
            encoder = null;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginHealth health() {
        String problem = limits.problem();
        return problem.isEmpty() ? PluginHealth.online() : PluginHealth.degraded(problem);
    }

    /** Ours and offline: prompts and images never leave the machine, and nothing here learns from them. */
    @Override
    public TrainingUse training() {
        return TrainingUse.local("built in: renders on this machine without the network and keeps no model to train");
    }

    @Override
    public ProviderCapabilities capabilities() {
        Limits current = limits;
        if (encoder == null) {
            return new ProviderCapabilities(Set.of(GenerationType.TEXT_TO_IMAGE, GenerationType.IMAGE_TO_IMAGE,
                    GenerationType.UPSCALE), current.width(), current.height(), 0);
        }
        return new ProviderCapabilities(EnumSet.allOf(GenerationType.class), current.width(), current.height(),
                MAX_CLIP_SECONDS);
    }

    @Override
    public ProviderTask submit(GenerationRequest request) throws ProviderException {
        if (!capabilities().types().contains(request.type())) {
            throw new ProviderException("unsupported_type", "the built-in provider cannot make "
                    + request.type().wireName() + " now (videos need an installed transcoder)", false);
        }
        if (request.type().producesVideo()
                && (request.durationSeconds() < 1 || request.durationSeconds() > MAX_CLIP_SECONDS)) {
            throw new ProviderException("invalid_duration", "clips are 1.." + MAX_CLIP_SECONDS + " s", false);
        }
        if (request.type() != GenerationType.TEXT_TO_IMAGE && request.type() != GenerationType.TEXT_TO_VIDEO
                && request.input() == null) {
            throw new ProviderException("missing_input", request.type().wireName() + " needs an input image", false);
        }
        Limits current = limits;
        if (request.width() < 1 || request.height() < 1
                || request.width() > current.width() || request.height() > current.height()) {
            throw new ProviderException("invalid_size",
                    "size must be within 1x1.." + current.width() + "x" + current.height(), false);
        }
        String taskId = ID + "-" + request.jobId();
        ProviderTask task = render(taskId, request);
        synchronized (tasks) {
            tasks.put(taskId, request);
        }
        return task;
    }

    @Override
    public ProviderTask poll(String taskId) throws ProviderException {
        GenerationRequest request;
        synchronized (tasks) {
            request = tasks.get(taskId);
        }
        if (request == null) {
            throw new ProviderException("unknown_task", "no task " + taskId, false);
        }
        return render(taskId, request);
    }

    /** Every task is finished by the time anyone could cancel it, and a finished task stays as it is. */
    @Override
    public void cancel(String taskId) {
    }

    private ProviderTask render(String taskId, GenerationRequest request) throws ProviderException {
        try {
            if (request.type().producesVideo()) {
                return ProviderTask.succeeded(taskId, List.of(GeneratedOutput.ofBytes("video/mp4", clip(request))));
            }
            byte[] png = switch (request.type()) {
                case IMAGE_TO_IMAGE -> InputImages.restyle(request.input(), request.prompt(), request.seed(),
                        request.width(), request.height());
                case UPSCALE -> InputImages.upscale(request.input(), request.width(), request.height());
                default -> ProceduralImage.png(request.prompt(), request.seed(), request.width(), request.height());
            };
            return ProviderTask.succeeded(taskId, List.of(GeneratedOutput.ofBytes("image/png", png)));
        } catch (IOException e) {
            throw new ProviderException("render_failed", "PNG encoding failed: " + e.getMessage(), false);
        }
    }

    private byte[] clip(GenerationRequest request) throws ProviderException, IOException {
        VideoEncoder current = encoder;
        if (current == null) {
            throw new ProviderException("unsupported_type", "no transcoder is installed to encode the clip", false);
        }
        return request.type() == GenerationType.IMAGE_TO_VIDEO
                ? ProceduralClip.imageToVideo(current, request.input(), request.seed(), request.width(),
                        request.height(), request.durationSeconds())
                : ProceduralClip.textToVideo(current, request.prompt(), request.seed(), request.width(),
                        request.height(), request.durationSeconds());
    }

    /** The configured maximum size, with out-of-range values replaced by the hard limit. */
    private record Limits(int width, int height, String problem) {
        static Limits of(BuiltinProviderConfig config) {
            StringBuilder problem = new StringBuilder();
            int width = checked("max.width", config.max_width(), problem);
            int height = checked("max.height", config.max_height(), problem);
            return new Limits(width, height, problem.toString());
        }

        private static int checked(String name, int value, StringBuilder problem) {
            if (value >= 1 && value <= LIMIT) {
                return value;
            }
            problem.append(problem.length() == 0 ? "" : "; ")
                    .append(name).append(' ').append(value).append(" is outside 1..").append(LIMIT)
                    .append(", using ").append(LIMIT);
            return LIMIT;
        }
    }
}
