package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/** Small helpers around FFmpeg's C conventions: negative error codes, dictionaries, C strings. */
final class Av {
    /** AVERROR(EAGAIN) on Linux: "feed more input" / "take output first". */
    static final int EAGAIN = -11;

    private Av() {
    }

    static String describe(int error) {
        byte[] buffer = new byte[256];
        av_strerror(error, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8) + " (" + error + ")";
    }

    /** The exception for a failed FFmpeg call: an interrupted call is a timeout, whatever the caller expected. */
    static TranscodeException error(int ret, String code, String what) {
        String message = what + ": " + describe(ret);
        return new TranscodeException(ret == AVERROR_EXIT ? Codes.DECODE_TIMEOUT : code, message);
    }

    static int check(int ret, String code, String what) throws TranscodeException {
        if (ret < 0) {
            throw error(ret, code, what);
        }
        return ret;
    }

    /** A dictionary from key/value pairs; the caller frees it with av_dict_free. */
    static AVDictionary dict(String... keyValues) {
        AVDictionary dict = new AVDictionary(null);
        for (int i = 0; i < keyValues.length; i += 2) {
            av_dict_set(dict, keyValues[i], keyValues[i + 1], 0);
        }
        return dict;
    }

    static String string(BytePointer pointer) {
        return pointer == null || pointer.isNull() ? null : pointer.getString(StandardCharsets.UTF_8);
    }

    static boolean valid(AVRational q) {
        return q != null && !q.isNull() && q.num() > 0 && q.den() > 0;
    }

    static String ratio(AVRational q) {
        return q.num() + "/" + q.den();
    }
}
