package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * Frames from Java images into an MP4/H.264 file: each image is copied into a BGR24 frame, turned into
 * yuv420p by libavfilter and encoded with timestamps one tick per frame. Bitrate scales with the frame
 * size (about 0.1 bit per pixel per frame), enough for procedural clips.
 */
final class FrameEncodeJob implements AutoCloseable {
    private final FrameSource frames;
    private final Mp4Writer writer;
    private final Encoder encoder;
    private final AVStream output;
    private final VideoFilter filter;
    private final AVFrame bgr = av_frame_alloc();
    private final AVFrame yuv = av_frame_alloc();
    private final AVPacket packet = av_packet_alloc();

    private FrameEncodeJob(FrameSource frames, Mp4Writer writer, Encoder encoder, AVStream output, VideoFilter filter) {
        this.frames = frames;
        this.writer = writer;
        this.encoder = encoder;
        this.output = output;
        this.filter = filter;
    }

    static void check(FrameSource frames) {
        if (frames.width() < 2 || frames.height() < 2 || frames.width() % 2 != 0 || frames.height() % 2 != 0) {
            throw new IllegalArgumentException("frames must have even sides of at least 2: "
                    + frames.width() + "x" + frames.height());
        }
        if (frames.frameCount() < 1 || frames.frameRate() < 1 || frames.frameRate() > 120) {
            throw new IllegalArgumentException("need at least one frame at 1..120 fps");
        }
    }

    static void run(FrameSource frames, Path temp, Deadline deadline, DoubleConsumer progress) throws TranscodeException {
        Geometry.Size size = new Geometry.Size(frames.width(), frames.height());
        AVRational rate = av_make_q(frames.frameRate(), 1);
        AVRational tick = av_make_q(1, frames.frameRate());
        int kbps = (int) Math.max(100, (long) frames.width() * frames.height() * frames.frameRate() / 10_000);
        Interrupts.Token token = Interrupts.register(deadline);
        try (token; Mp4Writer writer = Mp4Writer.create(temp, token);
             Encoder encoder = Encoder.h264(size, rate, tick, kbps, writer.needsGlobalHeader())) {
            AVStream out = writer.add(encoder);
            out.avg_frame_rate(rate);
            AVFrame template = bgrFrame(size);
            try (VideoFilter filter = VideoFilter.create(template, tick, "setsar=1,format=yuv420p");
                 FrameEncodeJob job = new FrameEncodeJob(frames, writer, encoder, out, filter)) {
                av_frame_free(template);
                writer.open();
                job.pump(deadline, progress);
                writer.finish();
            }
        }
    }

    private static AVFrame bgrFrame(Geometry.Size size) throws TranscodeException {
        AVFrame frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_BGR24).width(size.width()).height(size.height());
        frame.sample_aspect_ratio(av_make_q(1, 1));
        Av.check(av_frame_get_buffer(frame, 0), Codes.TRANSCODE_FAILED, "frame buffer");
        return frame;
    }

    private void pump(Deadline deadline, DoubleConsumer progress) throws TranscodeException {
        bgr.format(AV_PIX_FMT_BGR24).width(frames.width()).height(frames.height());
        bgr.sample_aspect_ratio(av_make_q(1, 1));
        Av.check(av_frame_get_buffer(bgr, 0), Codes.TRANSCODE_FAILED, "frame buffer");
        int count = frames.frameCount();
        progress.accept(0.0);
        for (int i = 0; i < count; i++) {
            deadline.check();
            BufferedImage image = frames.frame(i);
            if (image == null || image.getWidth() != frames.width() || image.getHeight() != frames.height()) {
                throw Codes.failed("frame " + i + " is not " + frames.width() + "x" + frames.height());
            }
            Av.check(av_frame_make_writable(bgr), Codes.TRANSCODE_FAILED, "frame buffer");
            copy(image, bgr);
            bgr.pts(i);
            filter.push(bgr);
            drainFilter();
            progress.accept((i + 1) / (double) count * 0.99);
        }
        filter.push(null);
        drainFilter();
        Av.check(encoder.send(null), Codes.TRANSCODE_FAILED, "H.264 encoding");
        writer.drain(encoder, output, packet);
    }

    private void drainFilter() throws TranscodeException {
        int ret;
        while ((ret = filter.pull(yuv)) >= 0) {
            try {
                yuv.pict_type(AV_PICTURE_TYPE_NONE);
                Av.check(encoder.send(yuv), Codes.TRANSCODE_FAILED, "H.264 encoding");
                writer.drain(encoder, output, packet);
            } finally {
                av_frame_unref(yuv);
            }
        }
        if (ret != Av.EAGAIN && ret != AVERROR_EOF) {
            throw Av.error(ret, Codes.TRANSCODE_FAILED, "video filter");
        }
    }

    /** Row by row into the frame's own line size, whatever the image's type. */
    private static void copy(BufferedImage image, AVFrame frame) {
        BufferedImage bgrImage = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
                || image.getRaster().getDataBuffer().getSize() != image.getWidth() * image.getHeight() * 3) {
            bgrImage = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgrImage.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) bgrImage.getRaster().getDataBuffer()).getData();
        int row = image.getWidth() * 3;
        int stride = frame.linesize(0);
        BytePointer data = frame.data(0);
        for (int y = 0; y < image.getHeight(); y++) {
            data.position((long) y * stride).put(pixels, y * row, row);
        }
        data.position(0);
    }

    @Override
    public void close() {
        av_frame_free(bgr);
        av_frame_free(yuv);
        av_packet_free(packet);
    }
}
