package org.aisora.api.transcode;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/** Reads and rewrites local media files only; progress is reported from 0.0 to 1.0. */
@ConsumerType
public interface Transcoder extends Plugin {
    MediaProbe probe(Path input) throws TranscodeException;

    void transcode(Path input, Path output, RenditionSpec spec, DoubleConsumer progress) throws TranscodeException;

    void posterFrame(Path input, Path outputJpeg) throws TranscodeException;
}
