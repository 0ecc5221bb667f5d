package org.aisora.transcoders.humble.internal;

import io.humble.video.Codec;
import io.humble.video.Encoder;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.MediaPictureResampler;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.TranscodeException;

/**
 * Writes the pictures of a {@link FrameSource} as an MP4/H.264 (yuv420p, no audio) at the source's frame rate,
 * with the renditions' encoder settings. Each image goes to BGR24, then through swscale to YUV 4:2:0.
 */
final class FrameEncoder {
    /** Bits per pixel and frame; about what x264 needs for clean synthetic pictures. */
    private static final double BITS_PER_PIXEL = 0.15;
    private static final int MIN_KBPS = 300;

    private final Codec h264;
    private final String preset;
    private final Deadline deadline;

    FrameEncoder(Codec h264, String preset, Deadline deadline) {
        this.h264 = h264;
        this.preset = preset;
        this.deadline = deadline;
    }

    /** Refuses what cannot become a yuv420p H.264 stream, before anything is written. */
    static void validate(FrameSource frames, Path output) {
        if (frames == null || output == null) {
            throw new IllegalArgumentException("frames and an output path are required");
        }
        int w = frames.width();
        int h = frames.height();
        if (w < 2 || h < 2 || w % 2 != 0 || h % 2 != 0) {
            throw new IllegalArgumentException("4:2:0 video needs even, positive sides, not " + w + "x" + h);
        }
        if (frames.frameCount() < 1) {
            throw new IllegalArgumentException("a clip needs at least one frame, not " + frames.frameCount());
        }
        if (frames.frameRate() < 1) {
            throw new IllegalArgumentException("the frame rate must be at least 1, not " + frames.frameRate());
        }
    }

    void write(FrameSource frames, Path output, DoubleConsumer sink) throws TranscodeException {
        validate(frames, output);
        Progress progress = new Progress(sink, frames.frameCount());
        progress.start();
        try (PartFile part = PartFile.beside(output)) {
            mux(part.path(), frames, progress);
            part.commit();
        } catch (IOException e) {
            throw Failure.failed("could not write " + output.getFileName() + ": " + e.getMessage(), e);
        }
        progress.done();
    }

    private void mux(Path file, FrameSource frames, Progress progress) throws TranscodeException {
        FrameSize size = new FrameSize(frames.width(), frames.height());
        Rational frameTime = Rational.make(1, frames.frameRate());
        Mp4Muxer mp4;
        Encoder encoder;
        try {
            mp4 = Mp4Muxer.create(file);
            encoder = VideoEncoders.open(h264, size, frameTime, kbps(size, frames.frameRate()), preset);
            mp4.add(encoder);
            mp4.open();
        } catch (RuntimeException | InterruptedException | IOException e) {
            throw Failure.failed("could not set up the H.264/MP4 output: " + e.getMessage(), e);
        }
        try (mp4) {
            pump(frames, size, frameTime, encoder, mp4, progress);
            mp4.drain(encoder);
            mp4.finish();
        } catch (RuntimeException e) {
            throw Failure.failed("could not write the MP4: " + e.getMessage(), e);
        }
    }

    private void pump(FrameSource frames, FrameSize size, Rational frameTime, Encoder encoder, Mp4Muxer mp4,
            Progress progress) throws TranscodeException {
        int w = size.width();
        int h = size.height();
        MediaPicture bgr = MediaPicture.make(w, h, PixelFormat.Type.PIX_FMT_BGR24);
        MediaPicture yuv = MediaPicture.make(w, h, PixelFormat.Type.PIX_FMT_YUV420P);
        // flags 0: humble adds its own scaler algorithm (see VideoPath)
        MediaPictureResampler resampler = MediaPictureResampler.make(w, h, yuv.getFormat(), w, h, bgr.getFormat(), 0);
        resampler.open();
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        MediaPacket packet = MediaPacket.make();
        int count = frames.frameCount();
        for (int i = 0; i < count; i++) {
            deadline.check();
            BgrPictures.fill(bgr, frame(frames, i, size), canvas);
            bgr.setComplete(true);
            resampler.resamplePicture(yuv, bgr);
            // humble's encoder converts from the picture's time base, which the resampler overwrote
            yuv.setTimeBase(frameTime);
            yuv.setTimeStamp(i);
            yuv.setComplete(true);
            encoder.encodeVideo(packet, yuv);
            mp4.write(packet);
            progress.at(i + 1);
        }
    }

    private static BufferedImage frame(FrameSource frames, int index, FrameSize size) throws TranscodeException {
        BufferedImage image;
        try {
            image = frames.frame(index);
        } catch (RuntimeException e) {
            throw Failure.failed("frame " + index + " could not be made: " + e.getMessage(), e);
        }
        if (image == null || image.getWidth() != size.width() || image.getHeight() != size.height()) {
            throw Failure.failed("frame " + index + " is " + (image == null ? "missing" : image.getWidth() + "x"
                    + image.getHeight()) + ", the clip is " + size.width() + "x" + size.height(), null);
        }
        return image;
    }

    /** A bitrate for the size and rate: {@link #BITS_PER_PIXEL} per pixel and frame, at least {@link #MIN_KBPS}. */
    private static int kbps(FrameSize size, int fps) {
        double bits = (double) size.width() * size.height() * fps * BITS_PER_PIXEL;
        return (int) Math.max(MIN_KBPS, Math.min(Integer.MAX_VALUE / 1000, Math.round(bits / 1000)));
    }
}
