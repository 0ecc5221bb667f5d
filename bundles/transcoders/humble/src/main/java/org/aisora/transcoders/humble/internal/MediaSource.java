package org.aisora.transcoders.humble.internal;

import io.humble.video.ContainerStream;
import io.humble.video.Decoder;
import io.humble.video.Demuxer;
import io.humble.video.DemuxerStream;
import io.humble.video.KeyValueBag;
import io.humble.video.MediaDescriptor;
import java.io.IOException;
import org.aisora.api.transcode.TranscodeException;

/** An opened input that passed the demuxer policy, with its first video stream (and first audio stream, if any). */
final class MediaSource implements AutoCloseable {
    final Demuxer demuxer;
    final String formatName;
    final DemuxerStream videoStream;
    final Decoder video;
    final DemuxerStream audioStream;
    /** Null when there is no audio, or once it turned out not to be decodable (the video goes on without it). */
    Decoder audio;

    private MediaSource(Demuxer demuxer, DemuxerStream videoStream, DemuxerStream audioStream) {
        this.demuxer = demuxer;
        this.formatName = demuxer.getFormat().getName();
        this.videoStream = videoStream;
        this.video = videoStream == null ? null : videoStream.getDecoder();
        this.audioStream = audioStream;
        this.audio = audioStream == null ? null : audioStream.getDecoder();
    }

    static MediaSource open(LocalInput input, DemuxerPolicy policy, Deadline deadline) throws TranscodeException {
        Demuxer demuxer = Demuxer.make();
        boolean ok = false;
        try {
            try {
                demuxer.open(input.url(), null, false, true, policy.openOptions(), KeyValueBag.make());
            } catch (IllegalArgumentException e) {
                // EINVAL from avformat_open_input: the probed demuxer is not on format_whitelist
                throw Failure.unsupported("not an allowed container format: " + input.scrub(e.getMessage()));
            } catch (RuntimeException | IOException e) {
                if (ContainerSignature.looksLikeKnownContainer(input.file())) {
                    throw Failure.corrupt("cannot read the container: " + input.scrub(e.getMessage()));
                }
                throw Failure.unsupported("not a media container this transcoder reads: " + input.scrub(e.getMessage()));
            }
            deadline.check();
            String format = demuxer.getFormat() == null ? null : demuxer.getFormat().getName();
            if (!policy.accepts(format)) {
                throw Failure.unsupported("container format not allowed: " + format);
            }
            MediaSource source = new MediaSource(demuxer, firstStream(demuxer, MediaDescriptor.Type.MEDIA_VIDEO),
                    firstStream(demuxer, MediaDescriptor.Type.MEDIA_AUDIO));
            ok = true;
            return source;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed("interrupted while opening the input", e);
        } catch (IOException e) {
            throw Failure.corrupt("cannot read the streams: " + e.getMessage());
        } finally {
            if (!ok) {
                closeQuietly(demuxer);
            }
        }
    }

    /** Opens the video decoder (and the audio one when asked); refuses inputs without a decodable video stream. */
    MediaSource openDecoders(boolean withAudio) throws TranscodeException {
        if (videoStream == null || video == null) {
            throw Failure.unsupported("no decodable video stream in " + formatName);
        }
        try {
            video.open(null, null);
        } catch (RuntimeException e) {
            throw Failure.unsupported("cannot decode " + video.getCodecID() + ": " + e.getMessage());
        }
        if (withAudio && audio != null) {
            try {
                audio.open(null, null);
            } catch (RuntimeException e) {
                audio = null;
            }
        }
        return this;
    }

    private static DemuxerStream firstStream(Demuxer demuxer, MediaDescriptor.Type type)
            throws InterruptedException, IOException {
        for (int i = 0; i < demuxer.getNumStreams(); i++) {
            DemuxerStream stream = demuxer.getStream(i);
            Decoder decoder;
            try {
                decoder = stream.getDecoder();
            } catch (RuntimeException e) {
                continue; // a codec this FFmpeg does not know (AV1, for one): not a stream we can use
            }
            if (decoder != null && decoder.getCodecType() == type
                    && stream.getDisposition() != ContainerStream.Disposition.DISPOSITION_ATTACHED_PIC) {
                return stream;
            }
        }
        return null;
    }

    @Override
    public void close() {
        closeQuietly(demuxer);
    }

    private static void closeQuietly(Demuxer demuxer) {
        try {
            if (demuxer.getState() == Demuxer.State.STATE_OPENED || demuxer.getState() == Demuxer.State.STATE_PLAYING
                    || demuxer.getState() == Demuxer.State.STATE_PAUSED) {
                demuxer.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // nothing more to release
        }
    }
}
