package org.aisora.bench.transcode;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.Transcoder;

/**
 * One rendition case (source 1280x720 -> height h at a fixed bitrate), timed for every configuration: the Java
 * transcoders and the ffmpeg command lines set up like them. Runs are interleaved round-robin (the starting
 * configuration rotates each round) so that background load falls on all configurations alike.
 */
final class TranscodeBench {
    /** How a configuration relates to the others, for the ratio table. */
    enum Kind { JAVA, CLI }

    /** One thing to time. {@code compareWith} names the CLI rows a Java row is compared with (empty for CLI rows). */
    record Config(String name, Kind kind, String settings, List<String> compareWith, Runner runner) {
    }

    interface Runner {
        Proc.Timed run(Path out, boolean sampleThreads) throws Exception;
    }

    /** What came out of one configuration. */
    record Row(Config config, List<Long> wall, List<Long> cpu, int peakThreads, String verified, boolean ok, String ssim,
               String videoMd5) {
    }

    record Case(int height, int width, int kbps) {
        String label() {
            return "1280x720 -> " + width + "x" + height + " @ " + kbps + " kb/s";
        }
    }

    private final Path input;
    private final Path outDir;
    private final String debianFfmpeg;
    private final String debianFfprobe;
    private final String bytedecoFfmpeg;
    private final int decoderThreads;
    private final int warmups;
    private final int runs;
    private final Map<String, Transcoder> transcoders;

    TranscodeBench(Path input, Path outDir, String debianFfmpeg, String debianFfprobe, String bytedecoFfmpeg,
            Map<String, Transcoder> transcoders, int warmups, int runs) {
        this.input = input;
        this.outDir = outDir;
        this.debianFfmpeg = debianFfmpeg;
        this.debianFfprobe = debianFfprobe;
        this.bytedecoFfmpeg = bytedecoFfmpeg;
        this.transcoders = transcoders;
        this.warmups = warmups;
        this.runs = runs;
        // FfmpegTranscoder's Decoder: thread_count = min(4, availableProcessors)
        this.decoderThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    int decoderThreads() {
        return decoderThreads;
    }

    /** The rendition size both Java transcoders compute: the target height, aspect kept, even width. */
    static Case caseFor(int height, int kbps) {
        int h = Math.min(height, 720) & ~1;
        int w = (int) Math.round(1280.0 * h / 720 / 2.0) * 2;
        return new Case(h, w, kbps);
    }

    static final String CLI_OPENH264 = "ffmpeg CLI 8.1.2 (bytedeco build), libopenh264";
    static final String CLI_X264_NOBF = "ffmpeg CLI 5.1 (Debian), libx264 veryfast, no B-frames";
    static final String CLI_X264_HUMBLE = "ffmpeg CLI 5.1 (Debian), libx264 veryfast";
    static final String JAVA_FFMPEG = "FfmpegTranscoder (bytedeco FFmpeg 8.1.2, libopenh264)";
    static final String JAVA_HUMBLE = "HumbleTranscoder (humble-video 0.3.0, FFmpeg 2.8, libx264 veryfast)";

    List<Config> configs(Case c) {
        List<Config> list = new ArrayList<>();
        String scale = "scale=" + c.width() + ":" + c.height() + ":flags=bicubic,setsar=1,format=yuv420p";
        String kbps = c.kbps() + "k";
        // FfmpegTranscoder's settings (RenditionJob, Encoder, VideoFilter, AudioTrack, Mp4Writer): decoder threads
        // min(4,nproc), one filter thread, encoder thread_count left at libavcodec's default 1, rc_mode=bitrate,
        // GOP 2 s, no B-frames, AAC 128 kb/s stereo, faststart.
        List<String> openh264 = Proc.list(bytedecoFfmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-benchmark",
                "-filter_threads", "1", "-threads", Integer.toString(decoderThreads), "-i", input.toString(),
                "-map", "0:v:0", "-map", "0:a:0", "-vf", scale,
                "-c:v", "libopenh264", "-b:v", kbps, "-rc_mode", "bitrate", "-g", "60", "-bf", "0", "-threads", "1",
                "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-y");
        if (bytedecoFfmpeg != null) {
            list.add(new Config(CLI_OPENH264, Kind.CLI, String.join(" ", shown(openh264)) + " OUT.mp4", List.of(), cli(openh264)));
        }
        // The Debian package has no libopenh264: the same command with libx264 (veryfast, no B-frames) instead.
        List<String> x264NoBf = Proc.list(debianFfmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-benchmark",
                "-filter_threads", "1", "-threads", Integer.toString(decoderThreads), "-i", input.toString(),
                "-map", "0:v:0", "-map", "0:a:0", "-vf", scale,
                "-c:v", "libx264", "-preset", "veryfast", "-b:v", kbps, "-g", "60", "-bf", "0", "-threads", "1",
                "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-y");
        list.add(new Config(CLI_X264_NOBF, Kind.CLI, String.join(" ", shown(x264NoBf)) + " OUT.mp4", List.of(), cli(x264NoBf)));
        if (transcoders.containsKey("humble")) {
            // HumbleTranscoder's settings (VideoEncoders, VideoPath, AudioPath): libx264 preset veryfast (B-frames
            // on, x264's default), b=kbps, maxrate 1.5x, bufsize 2x, GOP 2 s; swscale default (bicubic) scaling;
            // no thread count set, so decoder and x264 threads are "auto" (humble's FFmpeg log shows frame-threaded
            // H.264 decoding and x264 threads=3 lookahead_threads=1 on 2 CPUs, as the CLI's auto gives); AAC 128 kb/s;
            // faststart.
            List<String> x264Humble = Proc.list(debianFfmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-benchmark",
                    "-filter_threads", "1", "-threads", "0", "-i", input.toString(),
                    "-map", "0:v:0", "-map", "0:a:0", "-vf", "scale=" + c.width() + ":" + c.height() + ":flags=bicubic,format=yuv420p",
                    "-c:v", "libx264", "-preset", "veryfast", "-b:v", kbps,
                    "-maxrate", (c.kbps() * 3 / 2) + "k", "-bufsize", (c.kbps() * 2) + "k", "-g", "60", "-threads", "0",
                    "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-y");
            list.add(new Config(CLI_X264_HUMBLE, Kind.CLI, String.join(" ", shown(x264Humble)) + " OUT.mp4", List.of(), cli(x264Humble)));
        }
        list.add(new Config(JAVA_FFMPEG, Kind.JAVA, "FfmpegTranscoder.transcode(in, out, new RenditionSpec(" + c.height() + ", "
                + c.kbps() + "), p -> {})", bytedecoFfmpeg != null ? List.of(CLI_X264_NOBF, CLI_OPENH264) : List.of(CLI_X264_NOBF),
                java(transcoders.get("ffmpeg"), c)));
        if (transcoders.containsKey("humble")) {
            list.add(new Config(JAVA_HUMBLE, Kind.JAVA, "HumbleTranscoder.transcode(in, out, new RenditionSpec(" + c.height() + ", "
                    + c.kbps() + "), p -> {})", List.of(CLI_X264_HUMBLE), java(transcoders.get("humble"), c)));
        }
        return list;
    }

    /** The command as printed: the binary by its short name, paths shortened. */
    private List<String> shown(List<String> cmd) {
        List<String> s = new ArrayList<>();
        for (String part : cmd) {
            if (part.equals(bytedecoFfmpeg)) {
                s.add("<bytedeco>/ffmpeg");
            } else if (part.equals(debianFfmpeg)) {
                s.add("/usr/bin/ffmpeg");
            } else if (part.equals(input.toString())) {
                s.add("input-720p.mp4");
            } else if (!part.matches("[A-Za-z0-9_./:+-]*")) {
                s.add("'" + part + "'");
            } else {
                s.add(part);
            }
        }
        return s;
    }

    private static Runner cli(List<String> command) {
        return (out, sample) -> {
            List<String> cmd = new ArrayList<>(command);
            cmd.add(out.toString());
            return Proc.timeFfmpeg(cmd, sample);
        };
    }

    private Runner java(Transcoder t, Case c) {
        RenditionSpec spec = new RenditionSpec(c.height(), c.kbps());
        return (out, sample) -> {
            int base = sample ? Proc.ownThreads() : 0;
            AtomicInteger peak = new AtomicInteger(base);
            long[] lastSample = {0};
            long cpu0 = Proc.processCpuNanos();
            long t0 = System.nanoTime();
            t.transcode(input, out, spec, sample ? p -> {
                long now = System.nanoTime();
                if (now - lastSample[0] > 10_000_000L) {
                    lastSample[0] = now;
                    peak.accumulateAndGet(Proc.ownThreads(), Math::max);
                }
            } : p -> { });
            long wall = System.nanoTime() - t0;
            long cpu = Proc.processCpuNanos() - cpu0;
            return new Proc.Timed(wall, cpu, sample ? peak.get() - base : 0);
        };
    }

    List<Row> run(Case c, java.io.PrintStream log) throws Exception {
        List<Config> configs = configs(c);
        int n = configs.size();
        List<List<Long>> wall = new ArrayList<>();
        List<List<Long>> cpu = new ArrayList<>();
        int[] peak = new int[n];
        Path[] outs = new Path[n];
        for (int i = 0; i < n; i++) {
            wall.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
            outs[i] = outDir.resolve(String.format(Locale.ROOT, "%dp-%d.mp4", c.height(), i));
        }
        for (int w = 0; w < warmups; w++) {
            for (int i = 0; i < n; i++) {
                Files.deleteIfExists(outs[i]);
                Proc.Timed t = configs.get(i).runner().run(outs[i], true);
                peak[i] = Math.max(peak[i], t.peakThreads());
                log.printf(Locale.ROOT, "  warm-up  %-70s %7.3f s%n", configs.get(i).name(), t.wallNanos() / 1e9);
            }
        }
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < n; k++) {
                int i = (r + k) % n;
                Files.deleteIfExists(outs[i]);
                Proc.Timed t = configs.get(i).runner().run(outs[i], false);
                wall.get(i).add(t.wallNanos());
                cpu.get(i).add(t.cpuNanos());
                log.printf(Locale.ROOT, "  run %d/%d  %-70s %7.3f s%n", r + 1, runs, configs.get(i).name(), t.wallNanos() / 1e9);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] v = verify(outs[i], c);
            rows.add(new Row(configs.get(i), wall.get(i), cpu.get(i), peak[i], v[0], v[1].equals("ok"), ssim(outs[i], c),
                    videoMd5(outs[i])));
        }
        return rows;
    }

    /** MD5 of the H.264 stream as muxed (not the file, whose header carries times and tool names): equal = same encode. */
    private String videoMd5(Path out) throws Exception {
        Proc.Result r = Proc.check(List.of(debianFfmpeg, "-v", "error", "-i", out.toString(), "-map", "0:v:0", "-c", "copy", "-f", "md5", "-"));
        String line = r.stdout().trim();
        return line.startsWith("MD5=") ? line.substring(4, 12) : "?";
    }

    private static final Pattern SSIM = Pattern.compile("SSIM .* All:([0-9.]+)");

    /** SSIM of the rendition against the source scaled the same way (a sanity check that the encoders are comparable). */
    private String ssim(Path out, Case c) throws Exception {
        Proc.Result r = Proc.check(List.of(debianFfmpeg, "-hide_banner", "-nostdin", "-i", out.toString(), "-i", input.toString(),
                "-lavfi", "[1:v]scale=" + c.width() + ":" + c.height() + ":flags=bicubic,format=yuv420p[ref];[0:v]format=yuv420p[d];[d][ref]ssim",
                "-f", "null", "-"));
        Matcher m = SSIM.matcher(r.stderr());
        return m.find() ? m.group(1) : "?";
    }

    /** Probes the output with ffprobe: {description, "ok"|"BAD"}. */
    private String[] verify(Path out, Case c) throws Exception {
        Proc.Result r = Proc.check(List.of(debianFfprobe, "-v", "error", "-show_entries",
                "format=duration:stream=codec_type,codec_name,width,height,nb_frames,bit_rate", "-of", "compact=p=0", out.toString()));
        String video = null;
        String audio = null;
        double duration = -1;
        for (String line : r.stdout().split("\n")) {
            Map<String, String> kv = new java.util.HashMap<>();
            for (String part : line.trim().split("\\|")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            if ("video".equals(kv.get("codec_type"))) {
                video = kv.get("codec_name") + " " + kv.get("width") + "x" + kv.get("height") + ", " + kv.get("nb_frames") + " frames, "
                        + kbps(kv.get("bit_rate")) + " kb/s";
                if (!kv.get("height").equals(Integer.toString(c.height())) || !kv.get("width").equals(Integer.toString(c.width()))) {
                    video = "WRONG SIZE " + video;
                }
            } else if ("audio".equals(kv.get("codec_type"))) {
                audio = kv.get("codec_name") + " " + kbps(kv.get("bit_rate")) + " kb/s";
            } else if (kv.containsKey("duration")) {
                duration = Double.parseDouble(kv.get("duration"));
            }
        }
        boolean ok = video != null && !video.startsWith("WRONG") && Math.abs(duration - 10.0) < 0.2 && audio != null;
        String d = String.format(Locale.ROOT, "%.2f s; %s; %s", duration, video, audio == null ? "NO AUDIO" : audio);
        return new String[] {d, ok ? "ok" : "BAD"};
    }

    private static String kbps(String bitRate) {
        try {
            return Long.toString(Math.round(Long.parseLong(bitRate) / 1000.0));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** A DS component built the way the tests do: its config annotation as a proxy returning the defaults. */
    static Transcoder instantiate(String className) throws Exception {
        Class<?> type = Class.forName(className);
        for (Constructor<?> k : type.getConstructors()) {
            if (k.getParameterCount() == 1 && k.getParameterTypes()[0].isAnnotation()) {
                Class<?> config = k.getParameterTypes()[0];
                Object proxy = Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config}, (p, m, args) ->
                        switch (m.getName()) {
                            case "annotationType" -> config;
                            case "toString" -> config.getSimpleName() + "(defaults)";
                            case "hashCode" -> 0;
                            case "equals" -> p == args[0];
                            default -> m.getDefaultValue();
                        });
                return (Transcoder) k.newInstance(proxy);
            }
        }
        throw new IllegalStateException("no config constructor on " + className);
    }
}
