package org.aisora.bench.transcode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Child processes (the ffmpeg/ffprobe command lines), CPU time and thread counts. */
final class Proc {
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");

    private Proc() {
    }

    /** Output of a finished command. */
    record Result(int exit, String stdout, String stderr) {
    }

    /** One timed command: wall time from start() to waitFor(), CPU time from ffmpeg's -benchmark line. */
    record Timed(long wallNanos, long cpuNanos, int peakThreads) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bench-out", ".txt");
        Path err = Files.createTempFile("bench-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            int exit = p.waitFor();
            return new Result(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result check(List<String> command) throws IOException, InterruptedException {
        Result r = run(command);
        if (r.exit() != 0) {
            throw new IOException("exit " + r.exit() + ": " + String.join(" ", command) + "\n" + r.stderr());
        }
        return r;
    }

    /**
     * Runs an ffmpeg command (which must carry -benchmark) and times it. With sampleThreads the peak thread count
     * of the child is polled from /proc every 10 ms (warm-up runs only: polling costs a little CPU).
     */
    static Timed timeFfmpeg(List<String> command, boolean sampleThreads) throws IOException, InterruptedException {
        Path err = Files.createTempFile("bench-ffmpeg", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            long t0 = System.nanoTime();
            Process p = pb.start();
            int peak = 0;
            if (sampleThreads) {
                while (p.isAlive()) {
                    peak = Math.max(peak, threads(Path.of("/proc", Long.toString(p.pid()), "task")));
                    Thread.sleep(10);
                }
            }
            int exit = p.waitFor();
            long wall = System.nanoTime() - t0;
            String log = Files.readString(err, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IOException("exit " + exit + ": " + String.join(" ", command) + "\n" + log);
            }
            Matcher m = BENCH.matcher(log);
            long cpu = m.find() ? Math.round((Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1e9) : -1;
            return new Timed(wall, cpu, peak);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** CPU time of this whole JVM (all threads, native ones included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static int threads(Path taskDir) {
        String[] names = taskDir.toFile().list();
        return names == null ? 0 : names.length;
    }

    static int ownThreads() {
        return threads(Path.of("/proc/self/task"));
    }

    static List<String> list(String... parts) {
        List<String> l = new ArrayList<>();
        for (String p : parts) {
            l.add(p);
        }
        return l;
    }
}
