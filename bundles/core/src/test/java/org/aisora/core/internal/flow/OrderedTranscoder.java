package org.aisora.core.internal.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;

/**
 * The real transcoder for probes and posters; a rendition is the source copied (a valid MP4 the real
 * probe reads), held at the gate until the test opens it. Records which item was rendered in which order
 * and the decode limit each call was given.
 */
final class OrderedTranscoder implements Transcoder {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    final Map<String, Duration> limits = new ConcurrentHashMap<>();
    /** Renditions begun per media id, however they ended. */
    final Map<String, java.util.concurrent.atomic.AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final List<Duration> posterLimits = new ArrayList<>();
    private final Transcoder real;

    OrderedTranscoder(Transcoder real) {
        this.real = real;
    }

    /** Media ids in the order their first rendition began. */
    synchronized List<String> order() {
        return List.copyOf(order);
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
        throw new TranscodeException("no_limit", "the processor must pass its decode limit");
    }

    @Override
    public void transcode(Path input, Path output, RenditionSpec spec, Duration maxDecode, DoubleConsumer progress)
            throws TranscodeException {
        String mediaId = input.getFileName().toString().replace(".src", "");
        synchronized (this) {
            if (!order.contains(mediaId)) {
                order.add(mediaId);
            }
        }
        limits.put(mediaId, maxDecode);
        calls.computeIfAbsent(mediaId, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        started.countDown();
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new TranscodeException("gate_timeout", "the test never opened the gate");
            }
            Files.copy(input, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException("interrupted", "interrupted");
        } catch (IOException e) {
            throw new TranscodeException("io", e.toString());
        }
        progress.accept(1.0);
    }

    @Override
    public void posterFrame(Path input, Path outputJpeg) throws TranscodeException {
        throw new TranscodeException("no_limit", "an upload's poster must be given its decode limit");
    }

    @Override
    public void posterFrame(Path input, Path outputJpeg, Duration maxDecode) throws TranscodeException {
        synchronized (this) {
            posterLimits.add(maxDecode);
        }
        real.posterFrame(input, outputJpeg);
    }

    /** Renditions begun for this media id. */
    int calls(String mediaId) {
        java.util.concurrent.atomic.AtomicInteger n = calls.get(mediaId);
        return n == null ? 0 : n.get();
    }

    /** The limits upload posters were given, in order. */
    synchronized List<Duration> posterLimits() {
        return List.copyOf(posterLimits);
    }
}
