package org.aisora.core.internal.flow;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;

/** The real transcoder under the same id, holding a rendition back until the test lets it go. */
final class GatedTranscoder implements Transcoder {
    final CountDownLatch renditionStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final Transcoder real;

    GatedTranscoder(Transcoder real) {
        this.real = real;
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public PluginHealth health() {
        return real.health();
    }

    @Override
    public MediaProbe probe(Path input) throws TranscodeException {
        return real.probe(input);
    }

    @Override
    public void transcode(Path input, Path output, RenditionSpec spec, DoubleConsumer progress)
            throws TranscodeException {
        renditionStarted.countDown();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException("interrupted", "interrupted");
        }
        real.transcode(input, output, spec, progress);
    }

    @Override
    public void posterFrame(Path input, Path outputJpeg) throws TranscodeException {
        real.posterFrame(input, outputJpeg);
    }

    @Override
    public void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException {
        real.encode(frames, outputMp4, progress);
    }

    @Override
    public List<BufferedImage> sampleFrames(Path input, int count, int maxSide) throws TranscodeException {
        return real.sampleFrames(input, count, maxSide);
    }
}
