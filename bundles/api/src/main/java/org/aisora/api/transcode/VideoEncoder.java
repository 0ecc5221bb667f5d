package org.aisora.api.transcode;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's active transcoder, offered by the core to plugins that must write video (the built-in
 * provider's procedural clips), so that they follow the operator's transcoder choice at runtime.
 */
@ProviderType
public interface VideoEncoder {
    /** Writes the frames as an MP4/H.264 file; fails with {@code encoder_unavailable} when no transcoder is installed. */
    void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException;
}
