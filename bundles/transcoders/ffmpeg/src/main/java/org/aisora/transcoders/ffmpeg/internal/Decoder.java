package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;

import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** A decoder for one input stream. */
final class Decoder implements AutoCloseable {
    private static final int THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    final AVCodecContext context;
    final AVStream stream;

    private Decoder(AVCodecContext context, AVStream stream) {
        this.context = context;
        this.stream = stream;
    }

    /** Null when this build has no decoder for the stream's codec. */
    static Decoder open(AVStream stream) throws TranscodeException {
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            return null;
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        try {
            Av.check(avcodec_parameters_to_context(context, stream.codecpar()), Codes.CORRUPT_MEDIA, "bad stream parameters");
            context.pkt_timebase(stream.time_base());
            context.thread_count(THREADS);
            Av.check(avcodec_open2(context, codec, (AVDictionary) null), Codes.CORRUPT_MEDIA,
                    "cannot open the " + Av.string(avcodec_get_name(stream.codecpar().codec_id())) + " decoder");
            return new Decoder(context, stream);
        } catch (TranscodeException | RuntimeException e) {
            avcodec_free_context(context);
            throw e;
        }
    }

    /** avcodec_send_packet: a null packet starts draining. */
    int send(AVPacket packet) {
        return avcodec_send_packet(context, packet);
    }

    int receive(AVFrame frame) {
        return avcodec_receive_frame(context, frame);
    }

    @Override
    public void close() {
        avcodec_free_context(context);
    }
}
