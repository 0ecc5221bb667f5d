package org.aisora.transcoders.humble.internal;

import io.humble.video.Encoder;
import io.humble.video.KeyValueBag;
import io.humble.video.MediaPacket;
import io.humble.video.Muxer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An MP4 file being written: streams are added, then it is opened with its index moved to the front
 * ({@code +faststart}), packets go in interleaved, and {@link #finish()} writes the trailer. Closing an
 * unfinished one releases it quietly; the caller's part file is deleted anyway.
 */
final class Mp4Muxer implements AutoCloseable {
    private final Muxer muxer;
    private final MediaPacket flushed = MediaPacket.make();

    private Mp4Muxer(Muxer muxer) {
        this.muxer = muxer;
    }

    static Mp4Muxer create(Path file) {
        return new Mp4Muxer(Muxer.make("file:" + file, null, "mp4"));
    }

    /** The humble muxer, for the paths that write into it. */
    Muxer muxer() {
        return muxer;
    }

    void add(Encoder encoder) {
        muxer.addNewStream(encoder);
    }

    void open() throws InterruptedException, IOException {
        KeyValueBag options = KeyValueBag.make();
        options.setValue("movflags", "+faststart");
        muxer.open(options, KeyValueBag.make());
    }

    /** Writes the packet when the encoder completed one. */
    void write(MediaPacket packet) {
        if (packet.isComplete()) {
            muxer.write(packet, true);
        }
    }

    /** Writes the pictures a video encoder still holds. */
    void drain(Encoder video) {
        do {
            video.encodeVideo(flushed, null);
            write(flushed);
        } while (flushed.isComplete());
    }

    void finish() {
        muxer.close();
    }

    @Override
    public void close() {
        if (muxer.getState() == Muxer.State.STATE_OPENED) {
            try {
                muxer.close();
            } catch (RuntimeException ignored) {
                // nothing more to release
            }
        }
    }
}
