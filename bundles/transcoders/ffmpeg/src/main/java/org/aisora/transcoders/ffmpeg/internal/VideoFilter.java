package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;

import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/** buffer → (our chain) → buffersink: rotation, scaling and pixel format in one libavfilter graph. */
final class VideoFilter implements AutoCloseable {
    private final AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;

    private VideoFilter(AVFilterGraph graph, AVFilterContext source, AVFilterContext sink) {
        this.graph = graph;
        this.source = source;
        this.sink = sink;
    }

    /** Sized from the first decoded frame. The chain is built by Geometry from numbers only, never from input text. */
    static VideoFilter create(AVFrame first, AVRational timeBase, String chain) throws TranscodeException {
        AVRational sar = first.sample_aspect_ratio();
        String args = "video_size=" + first.width() + "x" + first.height() + ":pix_fmt=" + first.format()
                + ":time_base=" + Av.ratio(timeBase) + ":pixel_aspect=" + (Av.valid(sar) ? Av.ratio(sar) : "1/1");
        AVFilterGraph graph = avfilter_graph_alloc();
        graph.nb_threads(1);
        AVFilterInOut outputs = avfilter_inout_alloc();
        AVFilterInOut inputs = avfilter_inout_alloc();
        try {
            AVFilterContext source = new AVFilterContext(null);
            AVFilterContext sink = new AVFilterContext(null);
            check(avfilter_graph_create_filter(source, avfilter_get_by_name("buffer"), "in", args, null, graph), "buffer");
            check(avfilter_graph_create_filter(sink, avfilter_get_by_name("buffersink"), "out", null, null, graph), "buffersink");
            outputs.name(av_strdup(new BytePointer("in"))).filter_ctx(source).pad_idx(0).next(null);
            inputs.name(av_strdup(new BytePointer("out"))).filter_ctx(sink).pad_idx(0).next(null);
            check(avfilter_graph_parse_ptr(graph, chain, inputs, outputs, null), chain);
            check(avfilter_graph_config(graph, null), "configure " + chain);
            return new VideoFilter(graph, source, sink);
        } catch (TranscodeException | RuntimeException e) {
            avfilter_graph_free(graph);
            throw e;
        } finally {
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);
        }
    }

    private static void check(int ret, String what) throws TranscodeException {
        Av.check(ret, Codes.TRANSCODE_FAILED, "video filter " + what);
    }

    /** Feeds a decoded frame (kept by the caller); null flushes. */
    void push(AVFrame frame) throws TranscodeException {
        check(av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF), "push");
    }

    /** av_buffersink_get_frame: 0, EAGAIN or EOF. */
    int pull(AVFrame frame) {
        return av_buffersink_get_frame(sink, frame);
    }

    AVRational timeBase() {
        return av_buffersink_get_time_base(sink);
    }

    @Override
    public void close() {
        avfilter_graph_free(graph);
    }
}
