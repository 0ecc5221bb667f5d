package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** The three encoders this transcoder uses: H.264 for renditions, AAC for their audio, MJPEG for posters. */
final class Encoder implements AutoCloseable {
    /** The LGPL bytedeco build has no libx264; OpenH264 is its H.264 encoder. */
    private static final String[] H264_ENCODERS = {"libopenh264", "libx264"};
    /** Quality of poster JPEGs on FFmpeg's 2 (best) to 31 scale. */
    private static final int POSTER_QUALITY = 3;

    final AVCodecContext context;

    private Encoder(AVCodecContext context) {
        this.context = context;
    }

    static Encoder h264(Geometry.Size size, AVRational frameRate, AVRational timeBase, int kbps, boolean globalHeader)
            throws TranscodeException {
        AVCodec codec = h264Codec();
        AVCodecContext c = avcodec_alloc_context3(codec);
        c.width(size.width()).height(size.height()).pix_fmt(AV_PIX_FMT_YUV420P);
        c.sample_aspect_ratio(av_make_q(1, 1));
        c.time_base(timeBase).framerate(frameRate);
        c.bit_rate(kbps * 1000L);
        c.gop_size((int) Math.max(1, Math.round(av_q2d(frameRate) * 2)));
        c.max_b_frames(0);
        if (globalHeader) {
            c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        return open(c, codec, "rc_mode", "bitrate");
    }

    static Encoder aac(int sampleRate, int channels, boolean globalHeader) throws TranscodeException {
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
        if (codec == null || codec.isNull()) {
            return null;
        }
        AVCodecContext c = avcodec_alloc_context3(codec);
        c.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(sampleRate);
        av_channel_layout_default(c.ch_layout(), channels);
        c.bit_rate(channels > 1 ? 128_000 : 64_000);
        c.time_base(av_make_q(1, sampleRate));
        if (globalHeader) {
            c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        return open(c, codec);
    }

    static Encoder mjpeg(Geometry.Size size) throws TranscodeException {
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (codec == null || codec.isNull()) {
            throw Codes.failed("this FFmpeg build has no MJPEG encoder");
        }
        AVCodecContext c = avcodec_alloc_context3(codec);
        c.width(size.width()).height(size.height()).pix_fmt(AV_PIX_FMT_YUVJ420P).color_range(AVCOL_RANGE_JPEG);
        c.time_base(av_make_q(1, 25));
        c.flags(c.flags() | AV_CODEC_FLAG_QSCALE);
        c.global_quality(FF_QP2LAMBDA * POSTER_QUALITY);
        return open(c, codec);
    }

    private static AVCodec h264Codec() throws TranscodeException {
        for (String name : H264_ENCODERS) {
            AVCodec codec = avcodec_find_encoder_by_name(name);
            if (codec != null && !codec.isNull()) {
                return codec;
            }
        }
        AVCodec any = avcodec_find_encoder(AV_CODEC_ID_H264);
        if (any == null || any.isNull()) {
            throw Codes.failed("this FFmpeg build has no H.264 encoder");
        }
        return any;
    }

    private static Encoder open(AVCodecContext c, AVCodec codec, String... options) throws TranscodeException {
        AVDictionary dict = Av.dict(options);
        try {
            Av.check(avcodec_open2(c, codec, dict), Codes.TRANSCODE_FAILED, "cannot open the " + Av.string(codec.name()) + " encoder");
            return new Encoder(c);
        } catch (TranscodeException | RuntimeException e) {
            avcodec_free_context(c);
            throw e;
        } finally {
            av_dict_free(dict);
        }
    }

    /** avcodec_send_frame: a null frame starts draining. */
    int send(AVFrame frame) {
        return avcodec_send_frame(context, frame);
    }

    int receive(AVPacket packet) {
        return avcodec_receive_packet(context, packet);
    }

    @Override
    public void close() {
        avcodec_free_context(context);
    }
}
