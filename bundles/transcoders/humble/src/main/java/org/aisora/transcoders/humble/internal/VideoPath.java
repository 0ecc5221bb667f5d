package org.aisora.transcoders.humble.internal;

import io.humble.video.Decoder;
import io.humble.video.Encoder;
import io.humble.video.Global;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.MediaPictureResampler;
import io.humble.video.Muxer;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import org.aisora.api.transcode.TranscodeException;

/**
 * Decodes the source's video packets, scales each picture to the rendition size, turns it upright when the source
 * is tagged with a rotation, and encodes it into the muxer.
 */
final class VideoPath {
    /** A few broken packets are concealed by the decoder; beyond this many the input is called corrupt. */
    private static final int MAX_DECODE_ERRORS = 25;

    private final Decoder decoder;
    private final Encoder encoder;
    private final Muxer muxer;
    private final double startSeconds;
    private final MediaPicture decoded;
    private final MediaPicture scaled;
    private final MediaPicture upright;
    private final PlaneRotation rotation;
    private final MediaPacket encoded = MediaPacket.make();
    private final Rational frameTime;
    private final double packetTick;
    private MediaPictureResampler resampler;
    private long lastPts = Long.MIN_VALUE;
    private double lastSeconds = -1;
    private int frames;
    private int decodeErrors;

    /** {@code rotation}: the source's clockwise display turn; the encoder is sized for the upright picture. */
    VideoPath(Decoder decoder, Rational streamTimeBase, Encoder encoder, Muxer muxer, double startSeconds, int rotation) {
        this.decoder = decoder;
        this.packetTick = streamTimeBase.getDouble();
        this.encoder = encoder;
        this.muxer = muxer;
        this.startSeconds = startSeconds;
        this.decoded = MediaPicture.make(decoder.getWidth(), decoder.getHeight(), decoder.getPixelFormat());
        this.upright = MediaPicture.make(encoder.getWidth(), encoder.getHeight(), PixelFormat.Type.PIX_FMT_YUV420P);
        boolean sideways = rotation % 180 != 0;
        this.scaled = rotation == 0 ? upright : MediaPicture.make(sideways ? encoder.getHeight() : encoder.getWidth(),
                sideways ? encoder.getWidth() : encoder.getHeight(), PixelFormat.Type.PIX_FMT_YUV420P);
        this.rotation = rotation == 0 ? null : new PlaneRotation(rotation);
        this.frameTime = encoder.getTimeBase();
    }

    /** Decodes one packet (null flushes the decoder); fails once too many packets did not decode. */
    void decode(MediaPacket packet) throws TranscodeException {
        int offset = 0;
        do {
            int used;
            try {
                used = decoder.decodeVideo(decoded, packet, offset);
            } catch (RuntimeException e) {
                if (++decodeErrors > MAX_DECODE_ERRORS) {
                    throw Failure.corrupt("too many undecodable video packets: " + e.getMessage());
                }
                return;
            }
            if (decoded.isComplete()) {
                encode(decoded);
            }
            if (packet == null) {
                if (!decoded.isComplete()) {
                    return;
                }
            } else {
                if (used <= 0) {
                    return;
                }
                offset += used;
            }
        } while (packet == null || offset < packet.getSize());
    }

    /** Media time of the last picture encoded, in seconds from the start of the input; -1 before the first. */
    double lastSeconds() {
        return lastSeconds;
    }

    int frames() {
        return frames;
    }

    void finish() throws TranscodeException {
        decode(null);
        try {
            do {
                encoder.encodeVideo(encoded, null);
                if (encoded.isComplete()) {
                    muxer.write(encoded, true);
                }
            } while (encoded.isComplete());
        } catch (RuntimeException e) {
            throw Failure.failed("could not finish the video stream: " + e.getMessage(), e);
        }
    }

    private void encode(MediaPicture picture) throws TranscodeException {
        double seconds = seconds(picture);
        long pts = Math.round(seconds * frameTime.getDenominator() / frameTime.getNumerator());
        if (pts <= lastPts) {
            // two source frames fell into one output frame slot (variable frame rate input): keep the first
            return;
        }
        try {
            resampler(picture).resamplePicture(scaled, picture);
            if (rotation != null) {
                rotation.rotate(scaled, upright);
            }
            // the resampler stamps its output with the input's time base; humble's encoder converts from the
            // picture's time base and drops frames that round onto an earlier one, so the base is set each time
            upright.setTimeBase(frameTime);
            upright.setTimeStamp(pts);
            upright.setComplete(true);
            encoder.encodeVideo(encoded, upright);
            if (encoded.isComplete()) {
                muxer.write(encoded, true);
            }
        } catch (RuntimeException e) {
            throw Failure.failed("could not encode a video frame: " + e.getMessage(), e);
        }
        lastPts = pts;
        lastSeconds = seconds;
        frames++;
    }

    /**
     * Seconds since the input's start; a picture without a timestamp follows its predecessor by one frame.
     * A decoded picture's timestamp is the packet's, in the stream's time base, although humble labels the
     * picture with the decoder's time base (1/50 for 25 fps H.264), so the stream's is used here.
     */
    private double seconds(MediaPicture picture) {
        long ts = picture.getTimeStamp();
        if (ts == Global.NO_PTS) {
            return lastPts == Long.MIN_VALUE ? 0 : (lastPts + 1) * frameTime.getDouble();
        }
        return Math.max(0, ts * packetTick - startSeconds);
    }

    private MediaPictureResampler resampler(MediaPicture in) {
        if (resampler == null || resampler.getInputWidth() != in.getWidth() || resampler.getInputHeight() != in.getHeight()
                || resampler.getInputFormat() != in.getFormat()) {
            // flags 0: humble adds its own scaler algorithm; naming another one makes swscale refuse both
            resampler = MediaPictureResampler.make(scaled.getWidth(), scaled.getHeight(), scaled.getFormat(),
                    in.getWidth(), in.getHeight(), in.getFormat(), 0);
            resampler.open();
        }
        return resampler;
    }
}
