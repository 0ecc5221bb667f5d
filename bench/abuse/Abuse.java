import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The abuse bench of issue 12, against a running distribution on loopback. One legitimate user runs the
 * README's tour in a loop, first alone (after a warm-up that is not counted: idle) and then while, for the
 * abuse phase:
 * 8 clients send 1 GiB bodies without tokens (4 to /media, 4 to the Stripe webhook), 64 sign in with
 * wrong passwords and 32 sign up, in parallel and back to back, from a child JVM. Abusers bind their own loopback
 * addresses (127.0.0.2-4), as different machines on the internet would be; the user is 127.0.0.1.
 * It samples the data folder's tmp size every 200 ms, and prints key=value figures for run.sh.
 * Usage: java Abuse.java PORT DATA_DIR IDLE_SECONDS ABUSE_SECONDS PNG_FILE
 * Loopback only; every loop stops by itself at the end of its phase.
 */
public class Abuse {
    static final String HOST = "127.0.0.1";
    static int port;
    static String api;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final Pattern STRING = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("attack")) {
            attack(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            return;
        }
        port = Integer.parseInt(args[0]);
        api = "http://" + HOST + ":" + port + "/api/v1";
        Path data = Path.of(args[1]);
        int idleSeconds = Integer.parseInt(args[2]);
        int abuseSeconds = Integer.parseInt(args[3]);
        byte[] png = Files.readAllBytes(Path.of(args[4]));

        String version = field(get("/policies/privacy", null).body(), "version");
        String email = "legit-" + System.nanoTime() + "@example.org";
        HttpResponse<String> signUp = post("/accounts", "{\"name\":\"Legit\",\"email\":\"" + email
                + "\",\"password\":\"a long password\",\"birthDate\":\"1990-05-01\",\"acceptedPolicyVersion\":\""
                + version + "\"}", null, "application/json");
        if (signUp.statusCode() != 201) {
            throw new IllegalStateException("sign-up of the legitimate user failed: " + signUp.statusCode() + " " + signUp.body());
        }
        Tour tour = new Tour(email, png);
        long blobsBefore = size(data.resolve("aisora/blobs"));

        tour.loop(Math.max(10, idleSeconds / 2)); // warm-up (JIT, pools, caches), not counted
        Stats idle = tour.loop(idleSeconds);
        System.out.println("idle_tours=" + idle.tours.sum());

        // the abusers run in a child process, at nice ABUSE_NICE (0); 19 models attackers whose CPU is not the
        // server's, as on the internet (see docs/benchmarks.md)
        Process attackers = new ProcessBuilder("nice", "-n", System.getenv().getOrDefault("ABUSE_NICE", "0"), Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-Xmx256m", "bench/abuse/Abuse.java", "attack", Integer.toString(port), Integer.toString(abuseSeconds), version)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicBoolean running = new AtomicBoolean(true);
        long tmpAtStart = size(data.resolve("tmp"));
        AtomicLong tmpMax = new AtomicLong(tmpAtStart);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                tmpMax.accumulateAndGet(size(data.resolve("tmp")), Math::max);
                sleep(200);
            }
        });
        sampler.start();
        Stats busy = tour.loop(abuseSeconds);
        running.set(false);
        sampler.join();
        String attackReport = new String(attackers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        attackers.waitFor(120, TimeUnit.SECONDS);
        long blobsAfter = size(data.resolve("aisora/blobs"));

        System.out.println("abuse_tours=" + busy.tours.sum());
        System.out.printf("idle_p50_ms=%.1f%nidle_p99_ms=%.1f%n", idle.pct(50), idle.pct(99));
        System.out.printf("abuse_p50_ms=%.1f%nabuse_p99_ms=%.1f%n", busy.pct(50), busy.pct(99));
        System.out.printf("p99_ratio=%.2f%n", busy.pct(99) / idle.pct(99));
        System.out.println("legit_5xx=" + (idle.serverErrors.sum() + busy.serverErrors.sum()));
        System.out.println("legit_other_failures=" + (idle.otherFailures.sum() + busy.otherFailures.sum()));
        System.out.println("legit_stored_bytes=" + tour.storedBytes(tour.token()));
        System.out.println("blobs_growth_bytes=" + (blobsAfter - blobsBefore));
        // blobs live under one folder per account: whatever is not the user's was stored for someone else
        String accountId = field(get("/me", tour.token()).body(), "id");
        Path blobs = data.resolve("aisora/blobs");
        long others = blobsAfter - size(blobs.resolve(accountId)) - size(blobs.resolve(".keys"));
        System.out.println("blobs_of_others_bytes=" + others);
        System.out.println("spool_left_bytes=" + (size(data.resolve("aisora/spool")) + size(data.resolve("aisora/vendor-spool"))));
        System.out.println("tmp_start_bytes=" + tmpAtStart);
        System.out.println("tmp_max_bytes=" + tmpMax.get());
        System.out.print(attackReport);
    }

    /** The abusers, for {@code seconds}: 8 gigabyte senders, 64 wrong-password sign-ins, 32 sign-ups. */
    static void attack(int targetPort, int seconds, String version) throws InterruptedException {
        port = targetPort;
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, LongAdder> abusive = new ConcurrentHashMap<>();
        AtomicLong abusiveBadShape = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8 + 64 + 32);
        for (int i = 0; i < 8; i++) {
            String path = i % 2 == 0 ? "/media" : "/billing/webhooks/stripe";
            pool.submit(() -> abuseLoop(running, abusive, abusiveBadShape, "body " + path, "127.0.0.2",
                    () -> gigabyte(path)));
        }
        for (int i = 0; i < 64; i++) {
            int n = i;
            pool.submit(() -> abuseLoop(running, abusive, abusiveBadShape, "sign-in", "127.0.0.3",
                    () -> json("/sessions", "{\"email\":\"victim" + (n % 8) + "@example.org\",\"password\":\"guess "
                            + System.nanoTime() + "\"}")));
        }
        for (int i = 0; i < 32; i++) {
            pool.submit(() -> abuseLoop(running, abusive, abusiveBadShape, "sign-up", "127.0.0.4",
                    () -> json("/accounts", "{\"name\":\"Bot\",\"email\":\"bot" + System.nanoTime()
                            + "@example.org\",\"password\":\"a long password\",\"birthDate\":\"1990-05-01\","
                            + "\"acceptedPolicyVersion\":\"" + version + "\"}")));
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        System.out.println("abusive_bad_shape=" + abusiveBadShape.get());
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(abusive).entrySet()) {
            System.out.println("abusive " + e.getKey() + "=" + e.getValue().sum());
        }
    }

    interface Request {
        String raw() throws IOException;
    }

    /** One abuser: back-to-back requests from its own source address, counting answers by status. */
    static void abuseLoop(AtomicBoolean running, Map<String, LongAdder> counts, AtomicLong badShape, String kind,
                          String source, Request request) {
        while (running.get()) {
            String status;
            try {
                String answer = exchange(source, request.raw());
                status = answer.length() >= 12 ? answer.substring(9, 12) : "none";
                boolean error = !status.startsWith("2");
                if (error && !answer.contains("{\"error\":{\"") && !answer.matches("(?s).*\"error\"\\s*:\\s*\\{.*\"code\".*")) {
                    badShape.incrementAndGet();
                }
            } catch (IOException e) {
                status = "io-error";
            }
            counts.computeIfAbsent(kind + " " + status, k -> new LongAdder()).increment();
        }
    }

    static String gigabyte(String path) {
        return "POST /api/v1" + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Stripe-Signature: t=1,v1=00\r\nContent-Length: " + (1L << 30) + "\r\n\r\n";
    }

    static String json(String path, String body) {
        return "POST /api/v1" + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /**
     * Sends the head (and a JSON body), then, for a gigabyte request, zeros until the server answers or
     * closes; returns what it said.
     */
    static String exchange(String source, String head) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            s.connect(new InetSocketAddress(HOST, port), 5000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (head.contains("Content-Length: " + (1L << 30))) {
                byte[] zeros = new byte[64 * 1024];
                long sent = 0;
                try {
                    while (sent < (1L << 30) && in.available() == 0) {
                        out.write(zeros);
                        sent += zeros.length;
                    }
                } catch (IOException closedByServer) {
                    // the answer is in our receive buffer
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (IOException reset) {
                // a reset after the answer: keep what arrived
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The README's tour for one user, with per-request latencies. */
    static final class Tour {
        private final String email;
        private final byte[] png;
        private volatile String token;

        Tour(String email, byte[] png) {
            this.email = email;
            this.png = png;
        }

        String token() {
            return token;
        }

        Stats loop(int seconds) {
            Stats stats = new Stats();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                try {
                    once(stats);
                    stats.tours.increment();
                } catch (RuntimeException | IOException | InterruptedException e) {
                    stats.otherFailures.increment();
                    System.err.println("tour failed: " + e);
                    sleep(1000);
                }
            }
            return stats;
        }

        private void once(Stats s) throws IOException, InterruptedException {
            s.timed(() -> get("/health", null), 200);
            s.timed(() -> get("/policies/privacy", null), 200);
            HttpResponse<String> session = s.timed(() -> post("/sessions", "{\"email\":\"" + email
                    + "\",\"password\":\"a long password\"}", null, "application/json"), 201);
            token = field(session.body(), "token");
            s.timed(() -> get("/credits", token), 200);
            HttpResponse<String> job = s.timed(() -> post("/generations", "{\"type\":\"text-to-image\",\"prompt\":"
                    + "\"a red fox in the snow\",\"width\":256,\"height\":256}", token, "application/json"), 202);
            String jobId = field(job.body(), "id");
            String status = "queued";
            for (int i = 0; i < 600 && !status.equals("succeeded"); i++) {
                HttpResponse<String> view = s.timed(() -> get("/generations/" + jobId, token), 200);
                status = field(view.body(), "status");
                if (status.equals("failed") || status.equals("cancelled")) {
                    throw new IllegalStateException("the generation ended " + status + ": " + view.body());
                }
                if (!status.equals("succeeded")) {
                    Thread.sleep(100);
                }
            }
            HttpResponse<String> done = s.timed(() -> get("/generations/" + jobId, token), 200);
            Matcher m = Pattern.compile("\"outputs\"\\s*:\\s*\\[\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(done.body());
            if (!m.find()) {
                throw new IllegalStateException("no output in " + done.body());
            }
            String media = m.group(1);
            s.timed(() -> get("/media/" + media + "/content", token), 200);
            s.timed(() -> get("/media/" + media + "/thumbnail", token), 200);
            HttpResponse<String> up = s.timed(() -> send(HttpRequest.newBuilder(URI.create(api + "/media"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(png))), 201);
            String upload = field(up.body(), "id");
            s.timed(() -> send(HttpRequest.newBuilder(URI.create(api + "/media/" + upload))
                    .header("Authorization", "Bearer " + token).DELETE()), 204);
            s.timed(() -> send(HttpRequest.newBuilder(URI.create(api + "/sessions/current"))
                    .header("Authorization", "Bearer " + token).DELETE()), 204);
            token = null;
            String relogin = field(post("/sessions", "{\"email\":\"" + email + "\",\"password\":\"a long password\"}",
                    null, "application/json").body(), "token");
            token = relogin;
        }

        /** Bytes of the user's media as the API reports them (originals, outputs; thumbnails are included by size). */
        long storedBytes(String bearer) throws IOException, InterruptedException {
            long total = 0;
            for (int offset = 0; ; offset += 100) {
                String body = get("/media?limit=100&offset=" + offset, bearer).body();
                Matcher m = Pattern.compile("\"bytes\"\\s*:\\s*(\\d+)").matcher(body);
                int found = 0;
                while (m.find()) {
                    total += Long.parseLong(m.group(1));
                    found++;
                }
                if (found < 100) {
                    return total;
                }
            }
        }
    }

    interface Call {
        HttpResponse<String> call() throws IOException, InterruptedException;
    }

    static final class Stats {
        final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        final LongAdder tours = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder otherFailures = new LongAdder();

        HttpResponse<String> timed(Call call, int expected) throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            HttpResponse<String> r = call.call();
            nanos.add(System.nanoTime() - t0);
            if (r.statusCode() >= 500) {
                serverErrors.increment();
                System.err.println("5xx for the legitimate user: " + r.statusCode() + " " + r.uri() + " " + r.body());
            }
            if (r.statusCode() != expected) {
                throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        }

        double pct(int p) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
        }
    }

    static HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b);
    }

    static HttpResponse<String> post(String path, String body, String bearer, String type)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = STRING.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
