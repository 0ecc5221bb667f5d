package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** A JPEG of the upright frame near 10% of the duration (the first frame of a very short clip). */
final class PosterJob implements AutoCloseable {
    static final double AT_FRACTION = 0.10;
    private static final int MAX_HEIGHT = 1080;

    private final MediaInput input;
    private final Decoder video;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame chosen = av_frame_alloc();
    private boolean haveFrame;

    private PosterJob(MediaInput input, Decoder video) {
        this.input = input;
        this.video = video;
    }

    /** The frame at {@code fraction} of the duration (0 = the first frame). */
    static void run(MediaInput input, Path temp, double fraction) throws TranscodeException {
        if (input.videoIndex < 0) {
            throw Codes.unsupported("no video stream");
        }
        AVStream stream = input.video();
        int rotation = input.rotation();
        Geometry.Size shown = Geometry.display(stream.codecpar().width(), stream.codecpar().height(),
                stream.codecpar().sample_aspect_ratio().num(), stream.codecpar().sample_aspect_ratio().den(), rotation);
        Geometry.Size size = Geometry.rendition(shown, MAX_HEIGHT);
        Decoder video = Decoder.open(stream);
        if (video == null) {
            throw Codes.unsupported("no decoder for this video codec");
        }
        try (video; PosterJob job = new PosterJob(input, video)) {
            job.pick(input.startSeconds() + input.durationSeconds() * fraction);
            byte[] jpeg = job.encode(Geometry.chain(rotation, size, "yuvj420p"), size);
            Files.write(temp, jpeg);
        } catch (IOException e) {
            throw Codes.failed("cannot write the poster: " + e.getMessage());
        }
    }

    /** Keeps the first frame at or after the target, or the last one before it when the stream ends first. */
    private void pick(double targetSeconds) throws TranscodeException {
        double timeBase = av_q2d(video.stream.time_base());
        if (targetSeconds > 0) {
            // a failed seek just means decoding from the start
            av_seek_frame(input.context, -1, (long) (targetSeconds * AV_TIME_BASE), AVSEEK_FLAG_BACKWARD);
        }
        boolean reached = false;
        while (!reached) {
            input.deadline.check();
            int ret = av_read_frame(input.context, packet);
            if (ret == AVERROR_EOF) {
                break;
            }
            if (ret < 0) {
                throw Av.error(ret, Codes.CORRUPT_MEDIA, "cannot read the input");
            }
            try {
                if (packet.stream_index() == input.videoIndex) {
                    video.send(packet);
                    reached = receive(targetSeconds, timeBase);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        if (!reached) {
            video.send(null);
            receive(targetSeconds, timeBase);
        }
        if (!haveFrame) {
            throw Codes.corrupt("no video frame could be decoded");
        }
    }

    private boolean receive(double targetSeconds, double timeBase) {
        while (video.receive(decoded) >= 0) {
            long ts = decoded.best_effort_timestamp();
            av_frame_unref(chosen);
            av_frame_move_ref(chosen, decoded);
            haveFrame = true;
            if (ts == AV_NOPTS_VALUE || ts * timeBase >= targetSeconds) {
                return true;
            }
        }
        return false;
    }

    private byte[] encode(String chain, Geometry.Size size) throws TranscodeException {
        AVFrame upright = av_frame_alloc();
        AVPacket jpeg = av_packet_alloc();
        try (VideoFilter filter = VideoFilter.create(chosen, video.stream.time_base(), chain);
             Encoder encoder = Encoder.mjpeg(size)) {
            filter.push(chosen);
            filter.push(null);
            Av.check(filter.pull(upright), Codes.TRANSCODE_FAILED, "poster filter");
            upright.pts(0).quality(encoder.context.global_quality());
            Av.check(encoder.send(upright), Codes.TRANSCODE_FAILED, "JPEG encoding");
            Av.check(encoder.send(null), Codes.TRANSCODE_FAILED, "JPEG encoding");
            Av.check(encoder.receive(jpeg), Codes.TRANSCODE_FAILED, "JPEG encoding");
            byte[] bytes = new byte[jpeg.size()];
            jpeg.data().get(bytes);
            return bytes;
        } finally {
            av_frame_free(upright);
            av_packet_free(jpeg);
        }
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(decoded);
        av_frame_free(chosen);
    }
}
