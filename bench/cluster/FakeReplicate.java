import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A loopback stand-in for Replicate's predictions API (https://replicate.com/docs/reference/http), as the
 * aisora-provider-replicate bundle calls it: POST /v1/models/{owner}/{name}/predictions creates a prediction
 * ("starting"), GET /v1/predictions/{id} says "processing" until LATENCY_MS have passed since its creation,
 * then "succeeded" with one output URL on this server (GET /files/{id}.png, a real PNG of the requested size);
 * POST /v1/predictions/{id}/cancel cancels it.
 *
 * It counts creates per job. The provider sends neither our job id nor an idempotency key today, so the key
 * is the Idempotency-Key header when a request carries one, else the prompt: the bench gives every job a
 * prompt of its own. GET /summary[?tag=T] answers, as JSON, the creates (of prompts containing T), the jobs
 * they were for, the jobs created more than once and the extra creates, and the keys that were repeated.
 *
 * Usage: java FakeReplicate.java PORT [LATENCY_MS=1000]   (binds 127.0.0.1 only; runs until killed)
 */
public class FakeReplicate {
    private static final Pattern PROMPT = Pattern.compile("\"prompt\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern WIDTH = Pattern.compile("\"width\"\\s*:\\s*(\\d+)");
    private static final Pattern HEIGHT = Pattern.compile("\"height\"\\s*:\\s*(\\d+)");

    record Prediction(String id, String key, long createdNanos, int width, int height, boolean[] canceled) {
    }

    private final Map<String, Prediction> predictions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> createsPerKey = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();
    private final long latencyNanos;

    FakeReplicate(long latencyMs) {
        this.latencyNanos = latencyMs * 1_000_000L;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        FakeReplicate vendor = new FakeReplicate(latency);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> {
            try (exchange) {
                vendor.handle(exchange);
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        });
        server.start();
        System.out.println("fake Replicate on 127.0.0.1:" + port + ", " + latency + " ms per prediction");
    }

    void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        if (method.equals("POST") && path.matches("/v1/models/[^/]+/[^/]+/predictions|/v1/predictions")) {
            create(x);
        } else if (method.equals("GET") && path.matches("/v1/predictions/[A-Za-z0-9]+")) {
            Prediction p = predictions.get(path.substring(path.lastIndexOf('/') + 1));
            polls.incrementAndGet();
            if (p == null) {
                json(x, 404, "{\"detail\":\"Not found.\"}");
            } else {
                json(x, 200, view(p, base(x)));
            }
        } else if (method.equals("POST") && path.matches("/v1/predictions/[A-Za-z0-9]+/cancel")) {
            Prediction p = predictions.get(path.split("/")[3]);
            if (p == null) {
                json(x, 404, "{\"detail\":\"Not found.\"}");
            } else {
                p.canceled()[0] = true;
                json(x, 200, view(p, base(x)));
            }
        } else if (method.equals("GET") && path.matches("/files/[A-Za-z0-9]+\\.png")) {
            Prediction p = predictions.get(path.substring(7, path.length() - 4));
            if (p == null) {
                json(x, 404, "{\"detail\":\"Not found.\"}");
            } else {
                downloads.incrementAndGet();
                byte[] png = png(p);
                x.getResponseHeaders().set("Content-Type", "image/png");
                x.sendResponseHeaders(200, png.length);
                x.getResponseBody().write(png);
            }
        } else if (method.equals("GET") && path.equals("/summary")) {
            String query = x.getRequestURI().getQuery();
            json(x, 200, summary(query != null && query.startsWith("tag=") ? query.substring(4) : ""));
        } else {
            json(x, 404, "{\"detail\":\"Not found.\"}");
        }
    }

    private void create(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            json(x, 401, "{\"detail\":\"Invalid token.\"}");
            return;
        }
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String idempotency = x.getRequestHeaders().getFirst("Idempotency-Key");
        String key = idempotency != null ? "idempotency:" + idempotency : "prompt:" + group(PROMPT, body, "");
        String id = "p" + Long.toString(sequence.incrementAndGet(), 36) + Long.toString(System.nanoTime() % 100000, 36);
        Prediction p = new Prediction(id, key, System.nanoTime(), Integer.parseInt(group(WIDTH, body, "64")),
                Integer.parseInt(group(HEIGHT, body, "64")), new boolean[1]);
        predictions.put(id, p);
        createsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        json(x, 201, view(p, base(x)));
    }

    private String view(Prediction p, String base) {
        String status;
        String output = "null";
        if (p.canceled()[0]) {
            status = "canceled";
        } else if (System.nanoTime() - p.createdNanos() < latencyNanos) {
            status = System.nanoTime() - p.createdNanos() < latencyNanos / 4 ? "starting" : "processing";
        } else {
            status = "succeeded";
            output = "[\"" + base + "/files/" + p.id() + ".png\"]";
        }
        return "{\"id\":\"" + p.id() + "\",\"model\":\"bench/fake\",\"status\":\"" + status
                + "\",\"output\":" + output + ",\"error\":null,\"urls\":{\"get\":\"" + base + "/v1/predictions/"
                + p.id() + "\",\"cancel\":\"" + base + "/v1/predictions/" + p.id() + "/cancel\"}}";
    }

    private String summary(String tag) {
        long creates = 0;
        int jobs = 0;
        int duplicatedJobs = 0;
        long extra = 0;
        Map<String, Integer> repeated = new TreeMap<>();
        for (Map.Entry<String, AtomicInteger> e : createsPerKey.entrySet()) {
            if (!e.getKey().contains(tag)) {
                continue;
            }
            int n = e.getValue().get();
            creates += n;
            jobs++;
            if (n > 1) {
                duplicatedJobs++;
                extra += n - 1;
                repeated.put(e.getKey(), n);
            }
        }
        List<String> items = new ArrayList<>();
        repeated.forEach((k, n) -> items.add("{\"key\":\"" + k.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"creates\":" + n + "}"));
        return "{\"tag\":\"" + tag + "\",\"creates\":" + creates + ",\"jobs\":" + jobs + ",\"duplicated_jobs\":"
                + duplicatedJobs + ",\"duplicate_creates\":" + extra + ",\"polls\":" + polls.get()
                + ",\"downloads\":" + downloads.get() + ",\"repeated\":[" + String.join(",", items) + "]}";
    }

    private static byte[] png(Prediction p) throws IOException {
        int w = Math.max(1, Math.min(2048, p.width()));
        int h = Math.max(1, Math.min(2048, p.height()));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int seed = p.id().hashCode();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((x * 7 + seed) & 0xff) << 16 | ((y * 5) & 0xff) << 8 | ((x ^ y) & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static String base(HttpExchange x) {
        return "http://127.0.0.1:" + x.getLocalAddress().getPort();
    }

    private static String group(Pattern p, String s, String fallback) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : fallback;
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }
}
