package org.aisora.core.internal.media;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.VideoEncoder;
import org.aisora.core.internal.plugins.PluginChoices;
import org.aisora.core.internal.plugins.PluginSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Offers the operator's transcoder choice ({@code transcoder.default}) to plugins that write video.
 * It discovers transcoders itself, the same way the registry does, instead of asking the registry: the
 * registry binds the built-in provider, which binds this service, so a reference back to the registry
 * would be a cycle that Declarative Services resolves only some time after start-up.
 */
@Component(service = VideoEncoder.class, configurationPid = PluginChoices.PID)
public final class ActiveVideoEncoder implements VideoEncoder {
    private final PluginSet<Transcoder> transcoders = new PluginSet<>();
    private final Supplier<Optional<Transcoder>> active;
    private volatile String choice;

    @Activate
    public ActiveVideoEncoder(PluginChoices config) {
        modified(config);
        this.active = () -> transcoders.preferred(choice);
    }

    private ActiveVideoEncoder(Supplier<Optional<Transcoder>> active) {
        this.active = active;
    }

    /**
     * Outside OSGi (tests): the active transcoder as someone else chooses it. A factory, not a constructor: DS
     * must find exactly one public constructor of its activation length.
     */
    public static ActiveVideoEncoder over(Supplier<Optional<Transcoder>> active) {
        return new ActiveVideoEncoder(active);
    }

    @Modified
    void modified(PluginChoices config) {
        choice = config.transcoder_default();
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updateTranscoder")
    void addTranscoder(Transcoder t, Map<String, Object> props) { transcoders.add(t, props); }
    void updateTranscoder(Transcoder t, Map<String, Object> props) { transcoders.add(t, props); }
    void removeTranscoder(Transcoder t) { transcoders.remove(t); }

    @Override
    public void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException {
        Transcoder transcoder = active.get().orElseThrow(
                () -> new TranscodeException("encoder_unavailable", "no transcoder is installed"));
        transcoder.encode(frames, outputMp4, progress);
    }
}
