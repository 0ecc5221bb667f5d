package org.aisora.transcoders.humble.internal;

import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import java.io.IOException;
import org.aisora.api.transcode.TranscodeException;

/**
 * Decoded pictures of the video stream, one at a time. Each returned picture references the decoder's frame
 * (the decoder allocates a new one per picture); a data copy ({@code make(picture, true)}) loses the line
 * padding of the decoder's planes in humble 0.3.0 and comes out sheared.
 */
final class FrameReader {
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
