import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator for loopback benchmarks: C connections each send requests back to
 * back for S seconds (after a warm-up), then it prints throughput and latency percentiles.
 * Usage: java Load.java METHOD URL SECONDS CONCURRENCY [BODY] [BEARER_TOKENS]
 * BEARER_TOKENS is a comma-separated list; connection i uses token i modulo its length (several users).
 * It only targets the URL given (meant for 127.0.0.1) and stops by itself.
 */
public class Load {
    public static void main(String[] args) throws Exception {
        String method = args[0];
        URI uri = URI.create(args[1]);
        if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
            throw new IllegalArgumentException("loopback targets only");
        }
        int seconds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        String body = args.length > 4 && !args[4].isEmpty() ? args[4] : null;
        String[] tokens = args.length > 5 ? args[5].split(",") : new String[0];
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        run(client, method, uri, body, tokens, Math.min(3, seconds), concurrency); // warm-up, discarded
        long start = System.nanoTime();
        List<long[]> perThread = run(client, method, uri, body, tokens, seconds, concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).filter(v -> v >= 0).sorted().toArray();
        long errors = perThread.stream().flatMapToLong(Arrays::stream).filter(v -> v < 0).count();
        System.out.printf("%s %s c=%d: %d ok, %d non-2xx, %.1f req/s, p50 %.2f ms, p99 %.2f ms%n", method,
                uri.getPath(), concurrency, all.length, errors, all.length / elapsed, pct(all, 50), pct(all, 99));
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** Latencies in ns; a negative value marks a non-2xx answer or an I/O error. */
    static List<long[]> run(HttpClient client, String method, URI uri, String body, String[] tokens, int seconds,
                            int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong seq = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            String token = tokens.length == 0 ? null : tokens[t % tokens.length];
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline && n < lat.length) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
                    if (token != null) {
                        b.header("Authorization", "Bearer " + token);
                    }
                    if (body != null) {
                        String payload = body.replace("{n}", Long.toString(seq.incrementAndGet()));
                        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(payload));
                    } else {
                        b.method(method, HttpRequest.BodyPublishers.noBody());
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
                        long dt = System.nanoTime() - t0;
                        lat[n++] = r.statusCode() / 100 == 2 ? dt : -1;
                    } catch (java.io.IOException e) {
                        lat[n++] = -1;
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> out = new ArrayList<>();
        for (Future<long[]> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }
}
