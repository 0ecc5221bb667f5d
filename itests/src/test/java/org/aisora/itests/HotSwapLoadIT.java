package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.inject.Inject;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.aisora.api.store.LedgerStore;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.service.http.HttpService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Providers come and go while generations flow: a load loop submits 20 jobs a second for 60 s while a
 * script, 20 times, stops and starts the built-in provider, rewrites the OpenAI account's .cfg (new key,
 * new base URL), and uninstalls and reinstalls the OpenAI provider feature. The "OpenAI" vendor is a
 * servlet in the container's own Jetty speaking the Images API contract (base64 PNGs, the odd 500 and
 * 429 with Retry-After). Result: no request answered 5xx, every job terminal, the ledger balanced.
 */
public class HotSwapLoadIT extends AisoraKarafTestSupport {
    private static final int RATE_PER_SECOND = 20;
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final int SWAPS = 20;

    @Inject
    protected LedgerStore ledger;

    /** OpenAI's POST /v1/images/generations, answered with a real PNG; every 7th call fails, every 11th throttles. */
    static final class FakeOpenAi extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final AtomicInteger calls = new AtomicInteger();
        private final String png;

        FakeOpenAi() throws IOException {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(256, 256,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    image.setRGB(x, y, (x << 16) | (y << 8) | 0x40);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            png = Base64.getEncoder().encodeToString(out.toByteArray());
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getInputStream().readAllBytes();
            int n = calls.incrementAndGet();
            resp.setContentType("application/json");
            if (req.getHeader("Authorization") == null || !req.getHeader("Authorization").startsWith("Bearer sk-")) {
                resp.setStatus(401);
                resp.getWriter().write("{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            } else if (n % 7 == 0) {
                resp.setStatus(500);
                resp.getWriter().write("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
            } else if (n % 11 == 0) {
                resp.setStatus(429);
                resp.setHeader("Retry-After", "0");
                resp.getWriter().write("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");
            } else {
                resp.getWriter().write("{\"created\":" + (System.currentTimeMillis() / 1000)
                        + ",\"data\":[{\"b64_json\":\"" + png + "\"}]}");
            }
        }
    }

    /**
     * The load is about providers coming and going, not image moderation: without this, no engine classifies
     * images, so no job would go to the OpenAI double (ModerationIT shows that refusal).
     */
    @Override
    protected Option[] additionalOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.aisora.core.moderation.cfg", "images.required", "false")};
    }

    private void writeOpenAiConfig(String key, String alias) throws IOException {
        Path cfg = Path.of(System.getProperty("karaf.etc"), "org.aisora.providers.openai-loop.cfg");
        String base = "http://localhost:" + System.getProperty(HTTP_PORT) + "/" + alias;
        Files.writeString(cfg, "id = openai\n.api.key = " + key + "\nbase.url = " + base + "\nmodel = dall-e-2\n"
                + "sizes = 256x256\nquality = \nrequest.timeout.ms = 5000\nservice.ranking = 10\n", StandardCharsets.UTF_8);
    }

    @Test
    public void providersComeAndGoUnderLoadWithoutA5xxAndTheLedgerBalances() throws Exception {
        ServiceTracker<HttpService, HttpService> tracker = new ServiceTracker<>(bundleContext, HttpService.class, null);
        tracker.open();
        HttpService http = tracker.waitForService(30_000);
        // Pax Web names servlets by class unless told otherwise: two instances need two names
        http.registerServlet("/fake-openai-a", new FakeOpenAi(), new java.util.Hashtable<>(Map.of("servlet-name", "fake-openai-a")), null);
        http.registerServlet("/fake-openai-b", new FakeOpenAi(), new java.util.Hashtable<>(Map.of("servlet-name", "fake-openai-b")), null);
        writeOpenAiConfig("sk-first", "fake-openai-a");
        executeCommand("feature:install aisora-provider-openai");

        Journey ann = Journey.signUp(this, "load");
        executeCommand("aisora:credits-grant " + ann.email + " 100000");
        long start = http("GET", "/credits", null, ann.token).json().get("balance").asLong();

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> jobIds = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<String> swapLog = Collections.synchronizedList(new ArrayList<>());
        Thread swapper = new Thread(() -> swap(swapLog), "swapper");
        swapper.start();
        long begin = System.nanoTime();
        long total = RATE_PER_SECOND * LOAD.toSeconds();
        for (long i = 0; i < total; i++) {
            long due = begin + i * 1_000_000_000L / RATE_PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            clients.submit(() -> {
                HttpResult r = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "load test",
                        "width", 256, "height", 256), ann.token);
                statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                if (r.status() == 202) {
                    jobIds.add(r.json().get("id").asText());
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        swapper.join(60_000);
        executeCommand("bundle:start org.aisora.providers.builtin");

        Map<String, Integer> ends = new HashMap<>();
        long succeededCost = 0;
        for (String id : jobIds) {
            JsonNode job = ann.awaitTerminal(id);
            ends.merge(job.get("status").asText() + (job.hasNonNull("error") ? ":" + job.get("error").get("code").asText() : ""),
                    1, Integer::sum);
            if ("succeeded".equals(job.get("status").asText())) {
                succeededCost += job.get("cost").asLong();
            }
        }
        String report = "statuses " + statuses + ", ends " + ends + ", swaps " + swapLog;
        System.out.println("HotSwapLoadIT: " + report); // the figures for the closing notes and benchmarks
        assertTrue(report, statuses.keySet().stream().noneMatch(s -> s >= 500));
        assertEquals(report, total, jobIds.size());
        assertTrue(report, ends.getOrDefault("succeeded", 0) > total / 2);
        JsonNode credits = http("GET", "/credits", null, ann.token).json();
        assertEquals(report, 0, credits.get("reserved").asLong());
        assertEquals("every hold was captured or released: " + report, start - succeededCost,
                credits.get("balance").asLong());
        assertEquals(List.of(), ledger.audit());
        tracker.close();
    }

    /** 20 operations, one every 3 s, cycling through the ways an operator changes providers. */
    private void swap(List<String> log) {
        String[] ops = {"stop-builtin", "reconfigure-openai", "start-builtin", "uninstall-openai", "install-openai"};
        for (int i = 0; i < SWAPS; i++) {
            sleep(Duration.ofSeconds(3));
            String op = ops[i % ops.length];
            try {
                switch (op) {
                    case "stop-builtin" -> executeCommand("bundle:stop org.aisora.providers.builtin");
                    case "start-builtin" -> executeCommand("bundle:start org.aisora.providers.builtin");
                    case "reconfigure-openai" -> writeOpenAiConfig("sk-rotated-" + i, i % 2 == 0 ? "fake-openai-b" : "fake-openai-a");
                    case "uninstall-openai" -> executeCommand("feature:uninstall aisora-provider-openai");
                    default -> executeCommand("feature:install aisora-provider-openai");
                }
                log.add(op);
            } catch (IOException | RuntimeException e) {
                log.add(op + " failed: " + e);
            }
        }
    }
}
