package org.aisora.transcoders.humble.internal;

import io.humble.video.Codec;
import io.humble.video.Global;
import org.aisora.api.plugin.PluginHealth;

/**
 * Loads libhumblevideo.so (105 MB: FFmpeg 2.8 with libx264 inside) on first use, not at activation.
 *
 * <p>How humble finds it: {@code io.humble.ferry.JNILibrary} looks for {@code libhumblevideo.so} on the class
 * path; from a {@code jar:} URL it copies the file into {@code java.io.tmpdir}, loads it and deletes it (no
 * property chooses another directory). Inside OSGi the resource URL is {@code bundle:}, which that code skips,
 * so humble falls back to {@code System.loadLibrary("humblevideo")} from its own class loader: with a
 * {@code Bundle-NativeCode} header on the native jar (see README.md) the framework extracts the library into
 * its bundle cache, {@code ${karaf.data}/cache}, and loads it from there.
 */
final class HumbleNatives {
    private volatile PluginHealth state;
    private volatile Codec h264;

    /** Loads once; later calls return the first outcome, since a failed JNI load cannot be retried in one JVM. */
    PluginHealth load() {
        PluginHealth known = state;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (state == null) {
                state = tryLoad();
            }
            return state;
        }
    }

    /** libx264, or null when this native build has no H.264 encoder. */
    Codec h264Encoder() {
        load();
        return h264;
    }

    private PluginHealth tryLoad() {
        try {
            Global.init();
            h264 = Codec.findEncodingCodecByName("libx264");
            if (h264 == null) {
                return PluginHealth.degraded("this humble-video build has no H.264 encoder; renditions use MPEG-4 Part 2");
            }
            return PluginHealth.online();
        } catch (LinkageError | RuntimeException e) {
            return PluginHealth.offline("humble-video natives did not load: " + e);
        }
    }
}
