package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One rendition: demux, decode, turn upright and scale (libavfilter), encode H.264 (+ AAC), mux MP4.
 * A read error or a run of undecodable video packets is corrupt_media: a truncated upload must not
 * quietly become a shorter video.
 */
final class RenditionJob implements AutoCloseable {
    private static final int TOLERATED_DECODE_ERRORS = 3;
    /** How far short of its declared duration the video may end before it counts as truncated. */
    private static final double TRUNCATION_SLACK_SECONDS = 0.5;
    private static final double TRUNCATION_SLACK_FRACTION = 0.05;

    private final MediaInput input;
    private final Decoder video;
    private final String chain;
    private final Mp4Writer writer;
    private final Encoder encoder;
    private final AVStream output;
    private final AudioTrack audio;
    private final Progress progress;
    private final AVPacket packet = av_packet_alloc();
    private final AVPacket encoded = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame filtered = av_frame_alloc();
    private VideoFilter filter;
    private long lastPts = AV_NOPTS_VALUE;
    private int framesEncoded;
    private int decodeErrors;
    private double videoEnd = Double.NEGATIVE_INFINITY;

    private RenditionJob(MediaInput input, Decoder video, String chain, Mp4Writer writer, Encoder encoder,
            AVStream output, AudioTrack audio, Progress progress) {
        this.input = input;
        this.video = video;
        this.chain = chain;
        this.writer = writer;
        this.encoder = encoder;
        this.output = output;
        this.audio = audio;
        this.progress = progress;
    }

    /** Writes the rendition to {@code temp}; the caller moves it into place. */
    static void run(MediaInput input, Path temp, RenditionSpec spec, DoubleConsumer listener) throws TranscodeException {
        if (input.videoIndex < 0) {
            throw Codes.unsupported("no video stream");
        }
        AVStream stream = input.video();
        int rotation = input.rotation();
        Geometry.Size shown = Geometry.display(stream.codecpar().width(), stream.codecpar().height(),
                stream.codecpar().sample_aspect_ratio().num(), stream.codecpar().sample_aspect_ratio().den(), rotation);
        Geometry.Size size = Geometry.rendition(shown, spec.height());
        AVRational rate = input.frameRate();
        if (!Av.valid(rate)) {
            rate = av_make_q(25, 1);
        }
        Decoder video = Decoder.open(stream);
        if (video == null) {
            throw Codes.unsupported("no decoder for this video codec");
        }
        Interrupts.Token token = Interrupts.register(input.deadline);
        try (video; token; Mp4Writer writer = Mp4Writer.create(temp, token);
             Encoder encoder = Encoder.h264(size, rate, stream.time_base(), spec.videoBitrateKbps(), writer.needsGlobalHeader())) {
            AVStream out = writer.add(encoder);
            out.avg_frame_rate(rate);
            try (AudioTrack audio = AudioTrack.open(input, writer);
                 RenditionJob job = new RenditionJob(input, video, Geometry.chain(rotation, size, "yuv420p"), writer, encoder, out,
                         audio, new Progress(listener, input.startSeconds(), input.durationSeconds()))) {
                writer.open();
                job.pump();
                writer.finish();
            }
        }
    }

    private void pump() throws TranscodeException {
        progress.begin();
        while (true) {
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
                    noteEnd(packet);
                    decodeVideo(packet);
                } else if (audio != null && packet.stream_index() == input.audioIndex) {
                    audio.decode(packet, writer, encoded);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        decodeVideo(null);
        filter(null);
        encode(null);
        if (audio != null) {
            audio.decode(null, writer, encoded);
        }
        if (framesEncoded == 0) {
            throw Codes.corrupt("no video frame could be decoded");
        }
        checkComplete();
    }

    private void noteEnd(AVPacket in) {
        long ts = in.pts() != AV_NOPTS_VALUE ? in.pts() : in.dts();
        if (ts != AV_NOPTS_VALUE) {
            videoEnd = Math.max(videoEnd, (ts + Math.max(0, in.duration())) * av_q2d(video.stream.time_base()));
        }
    }

    /** FFmpeg reads a cut-off file to a clean EOF (it only logs "partial file"): compare with what the header declared. */
    private void checkComplete() throws TranscodeException {
        AVStream stream = video.stream;
        double tb = av_q2d(stream.time_base());
        boolean own = stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0;
        double start = own && stream.start_time() != AV_NOPTS_VALUE ? stream.start_time() * tb : input.startSeconds();
        double declared = own ? stream.duration() * tb : input.durationSeconds();
        if (declared <= 0 || videoEnd == Double.NEGATIVE_INFINITY) {
            return;
        }
        double missing = start + declared - videoEnd;
        if (missing > Math.max(TRUNCATION_SLACK_SECONDS, declared * TRUNCATION_SLACK_FRACTION)) {
            throw Codes.corrupt(String.format("the video ends %.2f s before its declared %.2f s: truncated", missing, declared));
        }
    }

    private void decodeVideo(AVPacket in) throws TranscodeException {
        if (video.send(in) < 0 && in != null) {
            decodeError();
            return;
        }
        int ret;
        while ((ret = video.receive(decoded)) >= 0) {
            try {
                decoded.pts(decoded.best_effort_timestamp());
                if (decoded.pts() != AV_NOPTS_VALUE) {
                    progress.at(decoded.pts() * av_q2d(video.stream.time_base()));
                }
                filter(decoded);
            } finally {
                av_frame_unref(decoded);
            }
        }
        if (ret != Av.EAGAIN && ret != AVERROR_EOF) {
            decodeError();
        }
    }

    private void decodeError() throws TranscodeException {
        if (++decodeErrors > TOLERATED_DECODE_ERRORS) {
            throw Codes.corrupt("the video does not decode");
        }
    }

    private void filter(AVFrame frame) throws TranscodeException {
        if (filter == null) {
            if (frame == null) {
                return;
            }
            filter = VideoFilter.create(frame, video.stream.time_base(), chain);
        }
        filter.push(frame);
        int ret;
        while ((ret = filter.pull(filtered)) >= 0) {
            try {
                encode(filtered);
            } finally {
                av_frame_unref(filtered);
            }
        }
        if (ret != Av.EAGAIN && ret != AVERROR_EOF) {
            throw Av.error(ret, Codes.TRANSCODE_FAILED, "video filter");
        }
    }

    private void encode(AVFrame frame) throws TranscodeException {
        if (frame != null) {
            long pts = frame.pts() == AV_NOPTS_VALUE ? AV_NOPTS_VALUE
                    : av_rescale_q(frame.pts(), filter.timeBase(), encoder.context.time_base());
            // the encoder needs strictly increasing timestamps; a missing or repeated one takes the next tick
            if (pts == AV_NOPTS_VALUE || (lastPts != AV_NOPTS_VALUE && pts <= lastPts)) {
                pts = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + 1;
            }
            lastPts = pts;
            frame.pts(pts).pict_type(AV_PICTURE_TYPE_NONE);
            framesEncoded++;
        }
        Av.check(encoder.send(frame), Codes.TRANSCODE_FAILED, "H.264 encoding");
        writer.drain(encoder, output, encoded);
    }

    @Override
    public void close() {
        if (filter != null) {
            filter.close();
        }
        av_packet_free(packet);
        av_packet_free(encoded);
        av_frame_free(decoded);
        av_frame_free(filtered);
    }
}
