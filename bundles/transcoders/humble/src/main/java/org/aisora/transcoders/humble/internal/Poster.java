package org.aisora.transcoders.humble.internal;

import io.humble.video.Global;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.awt.MediaPictureConverter;
import io.humble.video.awt.MediaPictureConverterFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.aisora.api.transcode.TranscodeException;

/** The poster: the first picture at or after 10% of the duration, upright, as a JPEG. */
final class Poster {
    private static final double AT = 0.10;

    private final MediaSource source;
    private final Deadline deadline;

    Poster(MediaSource source, Deadline deadline) {
        this.source = source;
        this.deadline = deadline;
    }

    void writeTo(Path jpeg) throws TranscodeException {
        source.openDecoders(false);
        MediaPicture picture = pick(Probes.durationSeconds(source) * AT);
        BufferedImage image;
        try {
            MediaPictureConverter converter = MediaPictureConverterFactory.createConverter(
                    MediaPictureConverterFactory.HUMBLE_BGR_24, picture);
            image = ImageRotation.upright(converter.toImage(null, picture), Probes.rotation(source.videoStream));
        } catch (RuntimeException e) {
            throw Failure.failed("could not convert the poster picture: " + e.getMessage(), e);
        }
        try (PartFile part = PartFile.beside(jpeg)) {
            if (!ImageIO.write(image, "jpg", part.path().toFile())) {
                throw Failure.failed("no JPEG writer in this JVM", null);
            }
            part.commit();
        } catch (IOException e) {
            throw Failure.failed("could not write " + jpeg.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private MediaPicture pick(double targetSeconds) throws TranscodeException {
        double start = source.demuxer.getStartTime() == Global.NO_PTS ? 0
                : source.demuxer.getStartTime() / (double) Global.DEFAULT_PTS_PER_SECOND;
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

    /** Seeks to the key frame at or before the target; when the demuxer cannot, decoding starts at the beginning. */
    private void seek(double seconds) {
        if (seconds <= 0) {
            return;
        }
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

    /**
     * Decoded pictures of the video stream, one at a time. Each returned picture references the decoder's frame
     * (the decoder allocates a new one per picture); a data copy ({@code make(picture, true)}) loses the line
     * padding of the decoder's planes in humble 0.3.0 and comes out sheared.
     */
    private static final class FrameReader {
        private final MediaSource source;
        private final Deadline deadline;
        private final MediaPacket packet = MediaPacket.make();
        private final MediaPicture decoded;
        private boolean drained;
        private int offset;
        private boolean pending;

        FrameReader(MediaSource source, Deadline deadline) {
            this.source = source;
            this.deadline = deadline;
            this.decoded = MediaPicture.make(source.video.getWidth(), source.video.getHeight(),
                    source.video.getPixelFormat());
        }

        MediaPicture next() throws TranscodeException {
            while (!drained) {
                deadline.check();
                if (!pending) {
                    if (!read()) {
                        drained = true;
                        break;
                    }
                    if (packet.getStreamIndex() != source.videoStream.getIndex()) {
                        continue;
                    }
                    pending = true;
                    offset = 0;
                }
                int used = decode(packet, offset);
                offset += Math.max(used, 0);
                pending = used > 0 && offset < packet.getSize();
                if (decoded.isComplete()) {
                    return MediaPicture.make(decoded, false);
                }
            }
            // flush the pictures the decoder still holds
            decode(null, 0);
            return decoded.isComplete() ? MediaPicture.make(decoded, false) : null;
        }

        private int decode(MediaPacket in, int at) {
            try {
                return source.video.decodeVideo(decoded, in, at);
            } catch (RuntimeException e) {
                decoded.setComplete(false);
                return -1; // a broken packet: skip it, a later one may decode
            }
        }

        private boolean read() throws TranscodeException {
            try {
                return source.demuxer.read(packet) >= 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Failure.failed("interrupted", e);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
