package org.aisora.support.vendorhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port answering each path with a scripted reply. The providers' richer
 * {@code FakeVendor} lives in the providers/support test-jar, which depends on this bundle; this small one
 * keeps the bundle's own tests free of that cycle.
 */
final class LoopbackVendor implements AutoCloseable {
    record Reply(int status, Map<String, String> headers, byte[] body, long delayMs) {
        static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8), 0);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new ConcurrentHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMs);
        }

        Reply delayed(long ms) {
            return new Reply(status, headers, body, ms);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<byte[], Reply>> routes = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    LoopbackVendor() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    LoopbackVendor on(String path, Reply reply) {
        return on(path, body -> reply);
    }

    /** Answers from the request body, e.g. to echo it. */
    LoopbackVendor on(String path, Function<byte[], Reply> answer) {
        routes.put(path, answer);
        return this;
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        Function<byte[], Reply> answer = routes.get(exchange.getRequestURI().getPath());
        Reply reply = answer == null ? Reply.json(404, "{}") : answer.apply(body);
        if (reply.delayMs() > 0) {
            try {
                Thread.sleep(reply.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        } catch (IOException e) {
            // the client gave up (timeout tests)
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
