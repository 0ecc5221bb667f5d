package org.aisora.core.internal.media;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.VideoEncoder;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Offers the operator's current transcoder choice to plugins that write video, looked up on every call.
 * The registry reference is optional and dynamic on purpose: the registry binds the built-in provider,
 * which binds this service, which needs the registry; a mandatory reference here would be a cycle that
 * Declarative Services cannot resolve. SCR binds the registry as soon as it has finished activating.
 */
@Component(service = VideoEncoder.class)
public final class ActiveVideoEncoder implements VideoEncoder {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginRegistry registry;

    public ActiveVideoEncoder() {
    }

    /** Outside OSGi (tests): bound to a registry from the start. */
    public ActiveVideoEncoder(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException {
        PluginRegistry current = registry;
        Transcoder transcoder = current == null ? null : current.transcoder().orElse(null);
        if (transcoder == null) {
            throw new TranscodeException("encoder_unavailable", "no transcoder is installed");
        }
        transcoder.encode(frames, outputMp4, progress);
    }
}
