package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;

import java.nio.file.Path;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/** An MP4 file being written, moov moved to the front at the end (faststart) so it plays while downloading. */
final class Mp4Writer implements AutoCloseable {
    private final AVFormatContext context;
    private final String url;
    private boolean opened;

    private Mp4Writer(AVFormatContext context, String url) {
        this.context = context;
        this.url = url;
    }

    static Mp4Writer create(Path file, Interrupts.Token token) throws TranscodeException {
        String url = "file:" + file.toAbsolutePath();
        AVFormatContext context = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(context, (AVOutputFormat) null, "mp4", url), Codes.TRANSCODE_FAILED, "mp4 muxer");
        token.install(context.interrupt_callback());
        return new Mp4Writer(context, url);
    }

    boolean needsGlobalHeader() {
        return (context.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
    }

    AVStream add(Encoder encoder) throws TranscodeException {
        AVStream stream = avformat_new_stream(context, (AVCodec) null);
        if (stream == null || stream.isNull()) {
            throw Codes.failed("cannot add an output stream");
        }
        Av.check(avcodec_parameters_from_context(stream.codecpar(), encoder.context), Codes.TRANSCODE_FAILED, "stream parameters");
        stream.time_base(encoder.context.time_base());
        return stream;
    }

    void open() throws TranscodeException {
        AVIOContext io = new AVIOContext(null);
        AVDictionary ioOptions = Av.dict("protocol_whitelist", "file");
        try {
            Av.check(avio_open2(io, url, AVIO_FLAG_WRITE, context.interrupt_callback(), ioOptions), Codes.TRANSCODE_FAILED, "cannot create the output");
        } finally {
            av_dict_free(ioOptions);
        }
        context.pb(io);
        opened = true;
        // faststart re-reads the file through the same whitelist when it moves the moov box
        AVDictionary options = Av.dict("movflags", "+faststart", "protocol_whitelist", "file");
        try {
            Av.check(avformat_write_header(context, options), Codes.TRANSCODE_FAILED, "cannot write the MP4 header");
        } finally {
            av_dict_free(options);
        }
    }

    /** Moves every packet the encoder has ready into the file. */
    void drain(Encoder encoder, AVStream stream, AVPacket packet) throws TranscodeException {
        int ret;
        while ((ret = avcodec_receive_packet(encoder.context, packet)) >= 0) {
            av_packet_rescale_ts(packet, encoder.context.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            int written = av_interleaved_write_frame(context, packet);
            av_packet_unref(packet);
            Av.check(written, Codes.TRANSCODE_FAILED, "cannot write a packet");
        }
        if (ret != Av.EAGAIN && ret != AVERROR_EOF) {
            throw Av.error(ret, Codes.TRANSCODE_FAILED, "encoding failed");
        }
    }

    void finish() throws TranscodeException {
        Av.check(av_write_trailer(context), Codes.TRANSCODE_FAILED, "cannot finish the MP4");
    }

    @Override
    public void close() {
        if (opened) {
            avio_closep(context.pb());
        }
        avformat_free_context(context);
    }
}
