package org.aisora.transcoders.humble.internal;

import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;
import io.humble.video.Coder;
import io.humble.video.Decoder;
import io.humble.video.Encoder;
import io.humble.video.Global;
import io.humble.video.KeyValueBag;
import io.humble.video.MediaAudio;
import io.humble.video.MediaAudioResampler;
import io.humble.video.MediaPacket;
import io.humble.video.Muxer;
import io.humble.video.Rational;
import org.aisora.api.transcode.TranscodeException;

/**
 * Re-encodes the source's first audio stream to AAC-LC, mono or stereo, 128 kb/s. Every source codec takes this
 * one path (AAC sources too): FFmpeg's own "aac" encoder, which 2.8 still flags experimental, hence strict=-2.
 *
 * <p>Each decode call gets a fresh target whose channel layout differs from the decoder's. humble 0.3.0 lets a
 * decoder write straight into a caller's MediaAudio whose layout, rate and format match the frame, without
 * checking its capacity: an Opus packet longer than that buffer crashed the JVM (SIGSEGV in decodeAudio).
 */
final class AudioPath {
    private static final int BITRATE = 128_000;
    private static final AudioFormat.Type FORMAT = AudioFormat.Type.SAMPLE_FMT_FLTP;

    private final Decoder decoder;
    private final Encoder encoder;
    private final Muxer muxer;
    private final double startSeconds;
    private final MediaAudio frame;
    private final SampleFifo fifo;
    private final MediaPacket encoded = MediaPacket.make();
    private MediaAudioResampler resampler;
    private long nextPts = Global.NO_PTS;

    private AudioPath(Decoder decoder, Encoder encoder, Muxer muxer, double startSeconds) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.muxer = muxer;
        this.startSeconds = startSeconds;
        int frameSize = encoder.getFrameSize() > 0 ? encoder.getFrameSize() : 1024;
        this.frame = MediaAudio.make(frameSize, encoder.getSampleRate(), encoder.getChannels(), encoder.getChannelLayout(),
                FORMAT);
        frame.setTimeBase(encoder.getTimeBase());
        this.fifo = new SampleFifo(encoder.getChannels(), 4);
    }

    /**
     * Adds an AAC stream to {@code muxer} fed from {@code decoder} (already open); call before the muxer opens.
     * Returns null, and the rendition has no audio, when the decoder does not name its channel layout.
     */
    static AudioPath attach(Decoder decoder, Muxer muxer, double startSeconds) {
        if (decoder.getChannelLayout() == AudioChannel.Layout.CH_LAYOUT_UNKNOWN || decoder.getSampleRate() <= 0) {
            return null;
        }
        Encoder encoder = Encoder.make(Codec.findEncodingCodecByName("aac"));
        int channels = Math.min(2, Math.max(1, decoder.getChannels()));
        int rate = decoder.getSampleRate() <= 96_000 ? decoder.getSampleRate() : 48_000;
        encoder.setSampleRate(rate);
        encoder.setChannels(channels);
        encoder.setChannelLayout(channels == 1 ? AudioChannel.Layout.CH_LAYOUT_MONO : AudioChannel.Layout.CH_LAYOUT_STEREO);
        encoder.setSampleFormat(FORMAT);
        encoder.setTimeBase(Rational.make(1, rate));
        encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
        KeyValueBag options = KeyValueBag.make();
        options.setValue("b", Integer.toString(BITRATE));
        options.setValue("strict", "experimental");
        encoder.open(options, KeyValueBag.make());
        muxer.addNewStream(encoder);
        return new AudioPath(decoder, encoder, muxer, startSeconds);
    }

    void decode(MediaPacket packet) throws TranscodeException {
        int offset = 0;
        while (decoder.getChannelLayout() != AudioChannel.Layout.CH_LAYOUT_UNKNOWN) {
            MediaAudio decoded = MediaAudio.make(1, decoder.getSampleRate(), decoder.getChannels(),
                    AudioChannel.Layout.CH_LAYOUT_UNKNOWN, decoder.getSampleFormat());
            int used;
            try {
                used = decoder.decodeAudio(decoded, packet, offset);
            } catch (RuntimeException e) {
                return; // a broken audio packet is skipped; the video path decides whether the input is corrupt
            }
            if (decoded.isComplete() && decoded.getChannelLayout() != AudioChannel.Layout.CH_LAYOUT_UNKNOWN) {
                resampleAndEncode(decoded);
            }
            if (packet == null ? !decoded.isComplete() : used <= 0 || (offset += used) >= packet.getSize()) {
                return;
            }
        }
    }

    void finish() throws TranscodeException {
        decode(null);
        try {
            while (fifo.samples() > 0) {
                encodeFrame();
            }
            do {
                encoder.encodeAudio(encoded, null);
                write();
            } while (encoded.isComplete());
        } catch (RuntimeException e) {
            throw Failure.failed("could not finish the audio stream: " + e.getMessage(), e);
        }
    }

    private void resampleAndEncode(MediaAudio in) throws TranscodeException {
        if (nextPts == Global.NO_PTS) {
            // the first samples keep their place relative to the video
            double seconds = in.getTimeStamp() == Global.NO_PTS || in.getTimeBase() == null ? 0
                    : in.getTimeStamp() * in.getTimeBase().getDouble() - startSeconds;
            nextPts = Math.max(0, Math.round(seconds * encoder.getSampleRate()));
        }
        try {
            MediaAudioResampler r = resamplerFor(in);
            MediaAudio out = MediaAudio.make(r.getNumResampledSamples(in.getNumSamples()) + 32,
                    encoder.getSampleRate(), encoder.getChannels(), encoder.getChannelLayout(), FORMAT);
            r.resampleAudio(out, in);
            if (out.isComplete()) {
                fifo.add(out);
            }
            out.delete();
            while (fifo.samples() >= frame.getMaxNumSamples()) {
                encodeFrame();
            }
        } catch (RuntimeException e) {
            throw Failure.failed("could not encode audio: " + e.getMessage(), e);
        }
    }

    /** A resampler for what the decoder really delivers, which may differ from what its header announced. */
    private MediaAudioResampler resamplerFor(MediaAudio in) {
        if (resampler == null || resampler.getInputLayout() != in.getChannelLayout()
                || resampler.getInputSampleRate() != in.getSampleRate() || resampler.getInputFormat() != in.getFormat()) {
            resampler = MediaAudioResampler.make(encoder.getChannelLayout(), encoder.getSampleRate(), FORMAT,
                    in.getChannelLayout(), in.getSampleRate(), in.getFormat());
            resampler.open();
        }
        return resampler;
    }

    private void encodeFrame() {
        int count = fifo.take(frame, frame.getMaxNumSamples());
        frame.setTimeStamp(nextPts);
        frame.setComplete(true);
        nextPts += count;
        encoder.encodeAudio(encoded, frame);
        write();
    }

    private void write() {
        if (encoded.isComplete()) {
            muxer.write(encoded, true);
        }
    }
}
