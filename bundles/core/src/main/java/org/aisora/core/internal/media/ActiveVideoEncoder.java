package org.aisora.core.internal.media;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.VideoEncoder;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Offers the operator's current transcoder choice to plugins that write video, looked up on every call. */
@Component(service = VideoEncoder.class)
public final class ActiveVideoEncoder implements VideoEncoder {
    private final PluginRegistry registry;

    @Activate
    public ActiveVideoEncoder(@Reference PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException {
        Transcoder transcoder = registry.transcoder().orElseThrow(
                () -> new TranscodeException("encoder_unavailable", "no transcoder is installed"));
        transcoder.encode(frames, outputMp4, progress);
    }
}
