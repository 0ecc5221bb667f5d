package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

/** An opened, allow-listed input: the demuxer context, its best video and audio streams. */
final class MediaInput implements AutoCloseable {
    private static final int MAX_STREAMS = 16;
    /** 8K UHD; larger frames are refused before a decoder allocates for them. */
    private static final long MAX_PIXELS = 7680L * 4320L;

    final AVFormatContext context;
    final Deadline deadline;
    final int videoIndex;
    final int audioIndex;
    private final Interrupts.Token token;

    private MediaInput(AVFormatContext context, Deadline deadline, Interrupts.Token token) {
        this.context = context;
        this.deadline = deadline;
        this.token = token;
        this.videoIndex = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        this.audioIndex = av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, videoIndex, (AVCodec) null, 0);
    }

    static MediaInput open(LocalInput input, Settings settings, Deadline deadline) throws TranscodeException {
        Interrupts.Token token = Interrupts.register(deadline);
        AVFormatContext context = avformat_alloc_context();
        token.install(context.interrupt_callback());
        context.max_streams(MAX_STREAMS);
        // the demuxer is already chosen; the whitelists keep anything it might open nested to local
        // files of allowed formats, and mov's external data references stay off
        AVDictionary options = Av.dict("protocol_whitelist", "file", "format_whitelist", settings.whitelist(),
                "enable_drefs", "0");
        int ret;
        try {
            ret = avformat_open_input(context, input.url(), input.format(), options);
        } finally {
            av_dict_free(options);
        }
        if (ret < 0) {
            token.close(); // avformat_open_input freed the context
            throw Av.error(ret, Codes.CORRUPT_MEDIA, "cannot open the " + input.demuxer() + " input");
        }
        try {
            Av.check(avformat_find_stream_info(context, (AVDictionary) null), Codes.CORRUPT_MEDIA, "cannot read the streams");
            MediaInput media = new MediaInput(context, deadline, token);
            media.checkVideoSize();
            return media;
        } catch (TranscodeException | RuntimeException e) {
            avformat_close_input(context);
            token.close();
            throw e;
        }
    }

    private void checkVideoSize() throws TranscodeException {
        if (videoIndex >= 0) {
            AVCodecParameters video = video().codecpar();
            if ((long) video.width() * video.height() > MAX_PIXELS) {
                throw Codes.unsupported("video frames larger than 8K: " + video.width() + "x" + video.height());
            }
        }
    }

    AVStream video() {
        return context.streams(videoIndex);
    }

    AVStream audio() {
        return context.streams(audioIndex);
    }

    MediaProbe probe() {
        String videoCodec = null;
        String audioCodec = null;
        int width = 0;
        int height = 0;
        double frameRate = 0;
        int rotation = 0;
        if (videoIndex >= 0) {
            AVCodecParameters video = video().codecpar();
            videoCodec = Av.string(avcodec_get_name(video.codec_id()));
            width = video.width();
            height = video.height();
            AVRational rate = frameRate();
            frameRate = Av.valid(rate) ? av_q2d(rate) : 0;
            rotation = rotation();
        }
        if (audioIndex >= 0) {
            audioCodec = Av.string(avcodec_get_name(audio().codecpar().codec_id()));
        }
        return new MediaProbe(durationSeconds(), width, height, frameRate, videoCodec, audioCodec, rotation,
                context.nb_streams());
    }

    AVRational frameRate() {
        return av_guess_frame_rate(context, video(), null);
    }

    double durationSeconds() {
        if (context.duration() != AV_NOPTS_VALUE && context.duration() > 0) {
            return context.duration() / (double) AV_TIME_BASE;
        }
        if (videoIndex >= 0 && video().duration() != AV_NOPTS_VALUE) {
            return video().duration() * av_q2d(video().time_base());
        }
        return 0;
    }

    /** Seconds of the container's first timestamp (0 when unknown). */
    double startSeconds() {
        return context.start_time() == AV_NOPTS_VALUE ? 0 : context.start_time() / (double) AV_TIME_BASE;
    }

    /** Clockwise degrees a player turns the video, from the display matrix, snapped to a quarter turn. */
    int rotation() {
        AVCodecParameters video = video().codecpar();
        AVPacketSideData matrix = av_packet_side_data_get(video.coded_side_data(), video.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (matrix == null || matrix.isNull() || matrix.data() == null || matrix.size() < 36) {
            return 0;
        }
        double counterClockwise = av_display_rotation_get(new IntPointer(matrix.data()));
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long quarterTurns = Math.round(-counterClockwise / 90.0);
        return (int) Math.floorMod(quarterTurns * 90, 360L);
    }

    @Override
    public void close() {
        avformat_close_input(context);
        token.close();
    }
}
