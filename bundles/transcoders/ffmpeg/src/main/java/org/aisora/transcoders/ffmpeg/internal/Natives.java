package org.aisora.transcoders.ffmpeg.internal;

import java.nio.file.Path;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.javacpp.Loader;

/**
 * Loads FFmpeg's native libraries once per JVM, on first use rather than at activation (unpacking them
 * takes a second or two). JavaCPP unpacks into its cache directory; inside Karaf that is put under the
 * data folder unless the operator has set it.
 */
final class Natives {
    static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static volatile boolean loaded;
    private static volatile String failure;

    private Natives() {
    }

    /** Under Karaf (system property karaf.data), points JavaCPP's cache at ${karaf.data}/javacpp. */
    static void useKarafCacheDir() {
        String data = System.getProperty("karaf.data");
        if (data != null && System.getProperty(CACHE_DIR_PROPERTY) == null) {
            System.setProperty(CACHE_DIR_PROPERTY, cacheDirUnder(data).toString());
        }
    }

    static Path cacheDirUnder(String karafData) {
        return Path.of(karafData, "javacpp");
    }

    static void load() throws TranscodeException {
        if (loaded) {
            return;
        }
        synchronized (Natives.class) {
            if (!loaded && failure == null) {
                try {
                    for (Class<?> library : new Class<?>[] {avutil.class, avcodec.class, avformat.class, avfilter.class, swresample.class}) {
                        Loader.load(library);
                    }
                    // errors come back as TranscodeExceptions; FFmpeg's own log would only repeat them on stderr
                    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                    loaded = true;
                } catch (LinkageError | RuntimeException e) {
                    StringBuilder chain = new StringBuilder("FFmpeg natives did not load: ").append(e);
                    for (Throwable c = e.getCause(); c != null && chain.length() < 1000; c = c.getCause()) {
                        chain.append(" <- ").append(c);
                    }
                    failure = chain.toString();
                }
            }
        }
        if (!loaded) {
            throw Codes.failed(failure);
        }
    }

    /** Null while the natives load (or have not been tried); the reason they cannot load otherwise. */
    static String failure() {
        return failure;
    }
}
