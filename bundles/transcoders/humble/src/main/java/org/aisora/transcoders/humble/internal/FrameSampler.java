package org.aisora.transcoders.humble.internal;

import io.humble.video.Global;
import io.humble.video.MediaPicture;
import io.humble.video.MediaPictureResampler;
import io.humble.video.PixelFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.aisora.api.transcode.TranscodeException;

/**
 * Pictures of a video at fractions of its duration, as upright images scaled down to fit a box: the poster and
 * the frames that moderation looks at. Each one is the first picture at or after its time (the last picture when
 * the time lies beyond it); the demuxer seeks to the key frame before it and decoding goes on from there.
 */
final class FrameSampler {
    private final MediaSource source;
    private final Deadline deadline;
    private final int rotation;
    private final double start;
    private final double duration;
    private MediaPictureResampler resampler;
    private MediaPicture bgr;
    private boolean moved;

    FrameSampler(MediaSource source, Deadline deadline) throws TranscodeException {
        this.source = source.openDecoders(false);
        this.deadline = deadline;
        this.rotation = Probes.rotation(source.videoStream);
        this.start = source.demuxer.getStartTime() == Global.NO_PTS ? 0
                : source.demuxer.getStartTime() / (double) Global.DEFAULT_PTS_PER_SECOND;
        this.duration = Probes.durationSeconds(source);
    }

    /** {@code count} pictures at k/count of the duration, k = 0 .. count-1: the first is the opening picture. */
    List<BufferedImage> spread(int count, int maxSide) throws TranscodeException {
        List<BufferedImage> images = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            images.add(at(k / (double) count, maxSide));
        }
        return images;
    }

    /** The picture at {@code fraction} (0..1) of the duration, upright, fitted into a {@code maxSide} square. */
    BufferedImage at(double fraction, int maxSide) throws TranscodeException {
        MediaPicture picture = pick(duration * Math.max(0, Math.min(1, fraction)));
        try {
            BufferedImage image = BgrPictures.toImage(scaled(picture, maxSide));
            return rotation == 0 ? image : ImageRotation.upright(image, rotation);
        } catch (RuntimeException e) {
            throw Failure.failed("could not convert a decoded picture: " + e.getMessage(), e);
        }
    }

    /** The picture as BGR24, scaled so that once turned upright it fits the box. */
    private MediaPicture scaled(MediaPicture in, int maxSide) {
        FrameSize stored = new FrameSize(in.getWidth(), in.getHeight());
        boolean sideways = rotation % 180 != 0;
        FrameSize upright = (sideways ? stored.transposed() : stored).fit(maxSide);
        FrameSize out = sideways ? upright.transposed() : upright;
        if (resampler == null || resampler.getInputWidth() != in.getWidth() || resampler.getInputHeight() != in.getHeight()
                || resampler.getInputFormat() != in.getFormat() || bgr.getWidth() != out.width()
                || bgr.getHeight() != out.height()) {
            bgr = MediaPicture.make(out.width(), out.height(), PixelFormat.Type.PIX_FMT_BGR24);
            // flags 0: humble adds its own scaler algorithm (see VideoPath)
            resampler = MediaPictureResampler.make(out.width(), out.height(), PixelFormat.Type.PIX_FMT_BGR24,
                    in.getWidth(), in.getHeight(), in.getFormat(), 0);
            resampler.open();
        }
        resampler.resamplePicture(bgr, in);
        return bgr;
    }

    private MediaPicture pick(double targetSeconds) throws TranscodeException {
        seek(start + targetSeconds);
        FrameReader frames = new FrameReader(source, deadline);
        // a decoded picture's timestamp is in the stream's time base (see VideoPath#seconds)
        double tick = source.videoStream.getTimeBase().getDouble();
        MediaPicture last = null;
        MediaPicture picture;
        while ((picture = frames.next()) != null) {
            last = picture;
            long ts = picture.getTimeStamp();
            if (ts == Global.NO_PTS || ts * tick - start >= targetSeconds - 0.001) {
                return picture;
            }
        }
        if (last == null) {
            throw Failure.corrupt("no video frame could be decoded");
        }
        return last;
    }

    /**
     * Seeks to the key frame at or before {@code seconds}. A fresh input needs no seek to its start. When the
     * demuxer cannot seek, decoding goes on from where it is: the first time that is the start, and later
     * targets lie after earlier ones.
     */
    private void seek(double seconds) {
        if (seconds <= start && !moved) {
            return;
        }
        moved = true;
        long micros = Math.round(seconds * Global.DEFAULT_PTS_PER_SECOND);
        try {
            if (source.demuxer.seek(-1, Long.MIN_VALUE, micros, micros, 0) >= 0) {
                source.video.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // keep reading from where the demuxer is
        }
    }
}
