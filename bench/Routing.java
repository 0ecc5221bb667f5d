import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routing overhead: an open-loop load of RATE POST /generations per second for SECONDS (a fixed
 * schedule, not back to back), then for every job the time from its creation (createdAt) to the first
 * provider call (attempts[0].startedAt), i.e. queueing, prompt moderation, routing and dispatch with an
 * instant local provider, and the routing part alone: from the job's startedAt (a worker took it and its
 * prompt passed moderation) to that first call. All instants are stamped by the platform's clock, in ms.
 * Usage: java Routing.java API_BASE RATE SECONDS TOKENS (comma-separated bearer tokens; loopback only)
 */
public class Routing {
    /** The job's own createdAt follows its error field (outputs, earlier in the JSON, have theirs too). */
    private static final Pattern CREATED = Pattern.compile("\"error\":(?:null|\\{[^}]*\\}),\"createdAt\":\"([^\"]+)\"");
    private static final Pattern STARTED = Pattern.compile("\"attempts\":\\[\\{[^}]*\"startedAt\":\"([^\"]+)\"");
    private static final Pattern RUNNING = Pattern.compile("\"error\":(?:null|\\{[^}]*\\}),\"createdAt\":\"[^\"]+\",\"startedAt\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String api = args[0];
        URI base = URI.create(api);
        if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
            throw new IllegalArgumentException("loopback targets only");
        }
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String[] tokens = args[3].split(",");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String[]> jobs = Collections.synchronizedList(new ArrayList<>());
        List<Long> submitMicros = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long begin = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long wait = begin + i * 1_000_000_000L / rate - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String token = tokens[(int) (i % tokens.length)];
            long n = i;
            pool.submit(() -> {
                long t0 = System.nanoTime();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(api + "/generations"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"text-to-image\",\"prompt\":\"routing "
                                + n + "\",\"width\":256,\"height\":256}")).build(), HttpResponse.BodyHandlers.ofString());
                submitMicros.add((System.nanoTime() - t0) / 1000);
                Matcher id = ID.matcher(r.body());
                if (r.statusCode() == 202 && id.find()) {
                    jobs.add(new String[] {id.group(1), token});
                } else if (refused.incrementAndGet() == 1) {
                    System.out.println("first refusal: " + r.statusCode() + " " + r.body());
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        double offered = total / ((System.nanoTime() - begin) / 1e9);
        List<Long> dispatchMicros = new ArrayList<>();
        List<Long> routingMicros = new ArrayList<>();
        for (String[] job : jobs) {
            for (int tries = 0; tries < 600; tries++) {
                String body = client.send(HttpRequest.newBuilder(URI.create(api + "/generations/" + job[0]))
                        .header("Authorization", "Bearer " + job[1]).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher status = STATUS.matcher(body);
                Matcher started = STARTED.matcher(body);
                if (status.find() && !status.group(1).equals("queued") && started.find()) {
                    Matcher created = CREATED.matcher(body);
                    created.find();
                    dispatchMicros.add(Duration.between(Instant.parse(created.group(1)),
                            Instant.parse(started.group(1))).toNanos() / 1000);
                    Matcher running = RUNNING.matcher(body);
                    if (running.find()) {
                        routingMicros.add(Duration.between(Instant.parse(running.group(1)),
                                Instant.parse(started.group(1))).toNanos() / 1000);
                    }
                    break;
                }
                Thread.sleep(100);
            }
        }
        Collections.sort(dispatchMicros);
        Collections.sort(routingMicros);
        Collections.sort(submitMicros);
        System.out.printf("offered %.1f req/s for %d s: %d accepted, %d refused%n", offered, seconds, jobs.size(),
                refused.get());
        System.out.printf("submit (HTTP 202) p50 %.2f ms, p99 %.2f ms%n", pct(submitMicros, 50), pct(submitMicros, 99));
        System.out.printf("submit-to-dispatch (createdAt -> first provider call) over %d jobs: p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms%n", dispatchMicros.size(), pct(dispatchMicros, 50), pct(dispatchMicros, 99),
                dispatchMicros.isEmpty() ? 0 : dispatchMicros.get(dispatchMicros.size() - 1) / 1000.0);
        System.out.printf("routing (job taken by a worker, prompt moderated -> first provider call) over %d jobs:"
                + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", routingMicros.size(), pct(routingMicros, 50),
                pct(routingMicros, 99), routingMicros.isEmpty() ? 0 : routingMicros.get(routingMicros.size() - 1) / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }
}
