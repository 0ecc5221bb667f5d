package org.aisora.bench.transcode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.Transcoder;

/**
 * Media benchmark (a measurement, not a test: nothing here fails on a slow result).
 *
 * <ol>
 * <li>Generates once, with the ffmpeg command line, a 10 s 1280x720 30 fps clip (testsrc2 + a 440 Hz sine,
 * H.264/AAC) in the scratch folder.</li>
 * <li>For each rendition case (default 480p at 1200 kb/s and 720p at 2500 kb/s) times the Java transcoders and the
 * ffmpeg command lines configured like them: warm-up runs, then measured runs interleaved round-robin; reports
 * median/min wall time, CPU time, the ratio to the matching command line, and ffprobe's view of each output.</li>
 * <li>Writes N distinct 4000x3000 quality-90 JPEGs and times core's Thumbnails.fromFile(path, 256) over them with
 * 1 and 2 threads.</li>
 * </ol>
 * The Markdown report goes to stdout (progress to stderr) and, with -Dbench.report=FILE, is appended to FILE.
 *
 * <p>System properties: bench.scratch (bench/scratch), bench.cases (480:1200,720:2500), bench.warmups (1),
 * bench.runs (5), bench.thumbs (20), bench.thumb.box (256), bench.thumb.passes (5), bench.thumb.threads (1,2),
 * bench.ffmpeg (/usr/bin/ffmpeg), bench.ffprobe (/usr/bin/ffprobe), bench.only (transcode|thumbnails),
 * bench.humble (true: include HumbleTranscoder when it is on the class path).
 */
public final class MediaBench {
    private static final PrintStream LOG = System.err;

    private MediaBench() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(prop("bench.scratch", "bench/scratch")).toAbsolutePath().normalize();
        Files.createDirectories(scratch);
        String ffmpeg = prop("bench.ffmpeg", "/usr/bin/ffmpeg");
        String ffprobe = prop("bench.ffprobe", "/usr/bin/ffprobe");
        String only = prop("bench.only", "");
        int warmups = Integer.parseInt(prop("bench.warmups", "1"));
        int runs = Integer.parseInt(prop("bench.runs", "5"));

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream md = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        String started = OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadBefore = loadAverage();
        md.printf("## Media benchmark run, %s%n%n", started);
        md.printf("- Machine: %d CPUs (nproc), %s; load average at start: %s%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), loadBefore);
        md.printf("- JVM: %s %s (%s)%n", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.arch"));

        if (!only.equals("thumbnails")) {
            transcodes(md, scratch, ffmpeg, ffprobe, warmups, runs);
        }
        if (!only.equals("transcode")) {
            thumbnails(md, scratch);
        }
        md.printf("%nLoad average at start: %s; at end: %s (2 CPUs: anything well above 0 means other work shared the machine).%n",
                loadBefore, loadAverage());

        String report = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        System.out.flush();
        String file = System.getProperty("bench.report");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), report + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        // humble-video and JavaCPP leave non-daemon native threads behind
        System.exit(0);
    }

    private static void transcodes(PrintStream md, Path scratch, String ffmpeg, String ffprobe, int warmups, int runs)
            throws Exception {
        Path input = scratch.resolve("input-720p.mp4");
        if (!Files.exists(input)) {
            LOG.println("generating " + input);
            Path part = scratch.resolve("input-720p.part.mp4");
            Proc.check(inputCommand(ffmpeg, part));
            Files.move(part, input, StandardCopyOption.REPLACE_EXISTING);
        }
        Path outDir = scratch.resolve("transcode-out");
        Files.createDirectories(outDir);

        Map<String, Transcoder> transcoders = new LinkedHashMap<>();
        List<String> notMeasured = new ArrayList<>();
        Transcoder ff = TranscodeBench.instantiate("org.aisora.transcoders.ffmpeg.internal.FfmpegTranscoder");
        MediaProbe probe = ff.probe(input);
        transcoders.put("ffmpeg", ff);
        if (Boolean.parseBoolean(prop("bench.humble", "true"))) {
            try {
                Transcoder humble = TranscodeBench.instantiate("org.aisora.transcoders.humble.internal.HumbleTranscoder");
                PluginHealth health = humble.health();
                if (health.status() == PluginHealth.Status.OFFLINE) {
                    notMeasured.add("HumbleTranscoder: offline (" + health.reason() + ")");
                } else {
                    transcoders.put("humble", humble);
                }
            } catch (ClassNotFoundException e) {
                notMeasured.add("HumbleTranscoder: not measured (org.aisora.transcoders.humble is not in the local Maven repository)");
            }
        } else {
            notMeasured.add("HumbleTranscoder: not measured (-Dbench.humble=false)");
        }
        String bytedeco = null;
        try {
            bytedeco = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        } catch (Throwable e) {
            notMeasured.add("bytedeco's ffmpeg binary: not available (" + e + ")");
        }

        md.printf("- ffmpeg CLI (Debian): %s%n", firstLine(Proc.check(List.of(ffmpeg, "-hide_banner", "-version")).stdout()));
        if (bytedeco != null) {
            md.printf("- ffmpeg CLI (bytedeco build, the same libraries FfmpegTranscoder loads): %s%n",
                    firstLine(Proc.check(List.of(bytedeco, "-hide_banner", "-version")).stdout()));
        }
        md.printf("- Input: `%s`: %s%n", scratch.relativize(input).toString().isEmpty() ? input : "bench/scratch/" + scratch.relativize(input),
                String.format(Locale.ROOT, "%.2f s, %dx%d, %.2f fps, %s + %s (probed by FfmpegTranscoder)", probe.durationSeconds(),
                        probe.width(), probe.height(), probe.frameRate(), probe.videoCodec(), probe.audioCodec()));
        md.printf("- Generated with: `%s`%n", String.join(" ", quoted(inputCommand("ffmpeg", Path.of("bench/scratch/input-720p.mp4")))));
        for (String s : notMeasured) {
            md.printf("- %s%n", s);
        }

        TranscodeBench bench = new TranscodeBench(input, outDir, ffmpeg, ffprobe, bytedeco, transcoders, warmups, runs);
        Map<String, String> commands = new LinkedHashMap<>();
        for (String spec : prop("bench.cases", "480:1200,720:2500").split(",")) {
            String[] hk = spec.trim().split(":");
            TranscodeBench.Case c = TranscodeBench.caseFor(Integer.parseInt(hk[0]), Integer.parseInt(hk[1]));
            LOG.println("case " + c.label());
            List<TranscodeBench.Row> rows = bench.run(c, LOG);
            md.printf("%n### Transcode %s (%d warm-up + %d measured runs each, interleaved)%n%n", c.label(), warmups, runs);
            md.println("| Configuration | median s | min s | max s | CPU s (median) | threads (peak) | output, probed back | SSIM vs source | video MD5 |");
            md.println("|---|---:|---:|---:|---:|---:|---|---:|---|");
            Map<String, TranscodeBench.Row> byName = new LinkedHashMap<>();
            for (TranscodeBench.Row r : rows) {
                byName.put(r.config().name(), r);
                md.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %s | %s | %s%s | %s | %s |%n", r.config().name(), sec(median(r.wall())),
                        sec(min(r.wall())), sec(max(r.wall())), median(r.cpu()) < 0 ? "?" : String.format(Locale.ROOT, "%.2f", sec(median(r.cpu()))),
                        r.peakThreads() > 0 ? (r.config().kind() == TranscodeBench.Kind.JAVA ? "+" : "") + r.peakThreads() : "?",
                        r.ok() ? "" : "**BAD** ", r.verified(), r.ssim(), r.videoMd5());
                commands.putIfAbsent(r.config().name(), r.config().settings());
            }
            md.printf("%nWall: start to end of the call (CLI: process start to exit). CPU: user+sys of the ffmpeg process"
                    + " (its -benchmark line), or of the whole JVM during the call. Threads: peak OS threads of the ffmpeg process,"
                    + " or (+n) threads the JVM gained during the call, sampled in the warm-up run. SSIM: the output against the"
                    + " source scaled the same way. Video MD5: of the H.264 stream (equal = bit-identical encode).%n");
            md.printf("%nRatios, Java transcoder / ffmpeg CLI (target: <= 1.2x the CLI median):%n%n");
            md.println("| Java transcoder | compared with | wall, median / median | wall, min / min | CPU, median / median | wall within 1.2x? |");
            md.println("|---|---|---:|---:|---:|---|");
            for (TranscodeBench.Row r : rows) {
                for (String ref : r.config().compareWith()) {
                    TranscodeBench.Row cli = byName.get(ref);
                    if (cli == null) {
                        continue;
                    }
                    double ratio = median(r.wall()) / (double) median(cli.wall());
                    double ratioMin = min(r.wall()) / (double) min(cli.wall());
                    long cliCpu = median(cli.cpu());
                    String cpuRatio = cliCpu > 0 ? String.format(Locale.ROOT, "%.2f", median(r.cpu()) / (double) cliCpu) : "?";
                    md.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %s |%n", r.config().name(), ref, ratio, ratioMin,
                            cpuRatio, ratio <= 1.2 ? "yes" : "**no**");
                }
            }
        }
        md.printf("%nSettings (decoder threads = min(4, nproc) = %d, as FfmpegTranscoder's Decoder uses; CLI wall time includes process start):%n%n",
                bench.decoderThreads());
        for (Map.Entry<String, String> e : commands.entrySet()) {
            md.printf("- %s: `%s`%n", e.getKey(), e.getValue());
        }
    }

    static List<String> inputCommand(String ffmpeg, Path out) {
        return List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=10",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10",
                "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p",
                "-g", "60", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-movflags", "+faststart", "-y", out.toString());
    }

    private static void thumbnails(PrintStream md, Path scratch) throws Exception {
        int count = Integer.parseInt(prop("bench.thumbs", "20"));
        int box = Integer.parseInt(prop("bench.thumb.box", "256"));
        int passes = Integer.parseInt(prop("bench.thumb.passes", "5"));
        LOG.println("thumbnails: " + count + " JPEGs");
        List<Path> files = ThumbnailBench.images(scratch.resolve("photos-12mp"), count, LOG);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        md.printf("%n### Thumbnails: Thumbnails.fromFile(path, %d) over %d distinct %dx%d JPEGs (quality 90, avg %.1f MB)%n%n", box,
                count, ThumbnailBench.WIDTH, ThumbnailBench.HEIGHT, bytes / 1e6 / count);
        md.printf("Each configuration: 1 warm-up pass, then %d timed passes over all %d files (page cache warm).%n%n", passes, count);
        md.println("| Threads | images/s (median pass) | ms per image (median pass) | images/s (best pass) | thumbnail size |");
        md.println("|---:|---:|---:|---:|---|");
        for (String t : prop("bench.thumb.threads", "1,2").split(",")) {
            int threads = Integer.parseInt(t.trim());
            LOG.println("  threads " + threads);
            ThumbnailBench.Result r = ThumbnailBench.measure(files, box, threads, 1, passes);
            double medianSec = sec(median(r.passNanos()));
            double bestSec = sec(min(r.passNanos()));
            md.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %s |%n", threads, count / medianSec, medianSec * 1000 / count,
                    count / bestSec, r.thumbSize());
        }
        md.println();
        md.println("ms per image is wall time per pass / images (with 2 threads that is throughput, not the latency of one image).");
    }

    private static List<String> quoted(List<String> cmd) {
        List<String> out = new ArrayList<>();
        for (String s : cmd) {
            out.add(s.contains(":") && s.contains("=") ? "'" + s + "'" : s);
        }
        return out;
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static long min(List<Long> values) {
        return Collections.min(values);
    }

    static long max(List<Long> values) {
        return Collections.max(values);
    }

    static double sec(long nanos) {
        return nanos / 1e9;
    }

    private static String prop(String name, String def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? def : v;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "unknown CPU";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
