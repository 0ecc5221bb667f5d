package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.util.Set;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The audio of a rendition: decoded, resampled to planar float at a rate AAC takes (at most stereo),
 * cut into the encoder's 1024-sample frames through a FIFO, encoded to AAC. A source whose audio this
 * build cannot decode, or a build without an AAC encoder, gives a rendition without audio.
 */
final class AudioTrack implements AutoCloseable {
    private static final Set<Integer> AAC_RATES = Set.of(96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050,
            16000, 12000, 11025, 8000);

    private final Decoder decoder;
    private final Encoder encoder;
    private final AVStream output;
    private final AVFrame decoded = av_frame_alloc();
    private final AVAudioFifo fifo;
    private SwrContext resampler;
    private long nextPts = AV_NOPTS_VALUE;

    private AudioTrack(Decoder decoder, Encoder encoder, AVStream output) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.output = output;
        this.fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, encoder.context.ch_layout().nb_channels(), 4096);
    }

    /** Null when the rendition goes without audio (no audio stream, no decoder, no AAC encoder). */
    static AudioTrack open(MediaInput input, Mp4Writer writer) throws TranscodeException {
        if (input.audioIndex < 0) {
            return null;
        }
        Decoder decoder = Decoder.open(input.audio());
        if (decoder == null) {
            return null;
        }
        try {
            int rate = decoder.context.sample_rate();
            int channels = Math.max(1, Math.min(2, decoder.context.ch_layout().nb_channels()));
            Encoder encoder = Encoder.aac(AAC_RATES.contains(rate) ? rate : 48000, channels, writer.needsGlobalHeader());
            if (encoder == null) {
                decoder.close();
                return null;
            }
            try {
                return new AudioTrack(decoder, encoder, writer.add(encoder));
            } catch (TranscodeException | RuntimeException e) {
                encoder.close();
                throw e;
            }
        } catch (TranscodeException | RuntimeException e) {
            decoder.close();
            throw e;
        }
    }

    /** One audio packet; an undecodable one is skipped, as players do. A null packet drains everything. */
    void decode(AVPacket packet, Mp4Writer writer, AVPacket scratch) throws TranscodeException {
        if (decoder.send(packet) < 0 && packet != null) {
            return;
        }
        while (decoder.receive(decoded) >= 0) {
            try {
                resample(decoded);
            } finally {
                av_frame_unref(decoded);
            }
            encodeFull(writer, scratch, false);
        }
        if (packet == null) {
            if (resampler != null) {
                resample(null);
            }
            encodeFull(writer, scratch, true);
            Av.check(encoder.send(null), Codes.TRANSCODE_FAILED, "flush the AAC encoder");
            writer.drain(encoder, output, scratch);
        }
    }

    private void resample(AVFrame frame) throws TranscodeException {
        if (resampler == null) {
            resampler = resamplerFor(frame);
            nextPts = frame.pts() == AV_NOPTS_VALUE ? 0
                    : av_rescale_q(frame.pts(), decoder.stream.time_base(), encoder.context.time_base());
        }
        int inSamples = frame == null ? 0 : frame.nb_samples();
        int room = swr_get_out_samples(resampler, inSamples);
        if (room <= 0) {
            return;
        }
        AVFrame converted = buffer(room);
        try {
            PointerPointer<?> in = frame == null ? null : frame.extended_data();
            int samples = Av.check(swr_convert(resampler, converted.extended_data(), room, in, inSamples),
                    Codes.TRANSCODE_FAILED, "resample audio");
            if (samples > 0) {
                av_audio_fifo_write(fifo, converted.extended_data(), samples);
            }
        } finally {
            av_frame_free(converted);
        }
    }

    private SwrContext resamplerFor(AVFrame frame) throws TranscodeException {
        AVChannelLayout in = new AVChannelLayout();
        try {
            if (frame.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC || frame.ch_layout().nb_channels() == 0) {
                av_channel_layout_default(in, Math.max(1, frame.ch_layout().nb_channels()));
            } else {
                av_channel_layout_copy(in, frame.ch_layout());
            }
            SwrContext swr = new SwrContext(null);
            Av.check(swr_alloc_set_opts2(swr, encoder.context.ch_layout(), AV_SAMPLE_FMT_FLTP, encoder.context.sample_rate(),
                    in, frame.format(), frame.sample_rate(), 0, null), Codes.TRANSCODE_FAILED, "audio resampler");
            Av.check(swr_init(swr), Codes.TRANSCODE_FAILED, "audio resampler");
            return swr;
        } finally {
            av_channel_layout_uninit(in);
            in.close();
        }
    }

    /** Encodes every whole encoder frame in the FIFO, and at the end the short remainder. */
    private void encodeFull(Mp4Writer writer, AVPacket scratch, boolean last) throws TranscodeException {
        int frameSize = encoder.context.frame_size();
        while (av_audio_fifo_size(fifo) >= frameSize || (last && av_audio_fifo_size(fifo) > 0)) {
            int samples = Math.min(frameSize, av_audio_fifo_size(fifo));
            AVFrame frame = buffer(samples);
            try {
                av_audio_fifo_read(fifo, frame.extended_data(), samples);
                frame.pts(nextPts);
                nextPts += samples;
                Av.check(encoder.send(frame), Codes.TRANSCODE_FAILED, "AAC encoding");
            } finally {
                av_frame_free(frame);
            }
            writer.drain(encoder, output, scratch);
        }
    }

    private AVFrame buffer(int samples) throws TranscodeException {
        AVFrame frame = av_frame_alloc();
        frame.nb_samples(samples).format(AV_SAMPLE_FMT_FLTP).sample_rate(encoder.context.sample_rate());
        av_channel_layout_copy(frame.ch_layout(), encoder.context.ch_layout());
        int ret = av_frame_get_buffer(frame, 0);
        if (ret < 0) {
            av_frame_free(frame);
            throw Av.error(ret, Codes.TRANSCODE_FAILED, "audio buffer");
        }
        return frame;
    }

    @Override
    public void close() {
        if (resampler != null) {
            swr_free(resampler);
        }
        av_audio_fifo_free(fifo);
        av_frame_free(decoded);
        encoder.close();
        decoder.close();
    }
}
