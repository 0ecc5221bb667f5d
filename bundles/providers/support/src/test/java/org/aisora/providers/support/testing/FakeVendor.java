package org.aisora.providers.support.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A real HTTP server on a loopback port that a test teaches to speak a vendor's contract: each
 * "METHOD /path" answers from a queue of scripted replies (the last one repeats), or from a function of
 * the request. Every request is recorded with its headers and body so tests can check what the adapter
 * sent (auth header, multipart fields, version headers).
 */
public final class FakeVendor implements AutoCloseable {
    /** One request as the vendor saw it. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * One scripted answer; {@code delayMs} makes the server slow, for timeout tests. A {@code stream} reply
     * sends {@code streamLength} bytes from a fresh stream per request instead of {@code body}, so a test can
     * serve hundreds of MiB from a generator without an array of that size.
     */
    public record Reply(int status, Map<String, String> headers, byte[] body, long delayMs,
                        Supplier<InputStream> stream, long streamLength) {
        public Reply(int status, Map<String, String> headers, byte[] body, long delayMs) {
            this(status, headers, body, delayMs, null, 0);
        }

        /** {@code length} bytes read from {@code stream}; a negative length sends them chunked, undeclared. */
        public static Reply stream(int status, String contentType, long length, Supplier<InputStream> stream) {
            return new Reply(status, Map.of("Content-Type", contentType), new byte[0], 0, stream, length);
        }
        public static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8), 0);
        }

        public static Reply bytes(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, 0);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMs, stream, streamLength);
        }

        public Reply delayed(long ms) {
            return new Reply(status, headers, body, ms, stream, streamLength);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Function<Request, Reply>>> routes = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    public FakeVendor() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues replies for "METHOD /path" (a path prefix ending in '*' matches anything below it). */
    public synchronized FakeVendor on(String methodAndPath, Reply... replies) {
        Deque<Function<Request, Reply>> queue = routes.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>());
        for (Reply r : replies) {
            queue.add(req -> r);
        }
        return this;
    }

    public synchronized FakeVendor on(String methodAndPath, Function<Request, Reply> answer) {
        routes.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    /**
     * An answer given only once {@code release} is counted down (or after 30 s): a call kept in flight while the
     * test looks at what happens meanwhile. The request is already listed in {@link #requests()} while it waits.
     */
    public static Function<Request, Reply> heldUntil(CountDownLatch release, Reply reply) {
        return request -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reply;
        };
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String methodAndPathPrefix) {
        return requests.stream().filter(r -> (r.method() + " " + r.path()).startsWith(methodAndPathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        Function<Request, Reply> answer;
        synchronized (this) {
            requests.add(request);
            answer = route(request.method() + " " + request.path());
        }
        Reply reply = answer == null
                ? Reply.json(404, "{\"error\":{\"message\":\"no route in FakeVendor\"}}")
                : answer.apply(request);
        if (reply.delayMs() > 0) {
            try {
                Thread.sleep(reply.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (reply.stream() != null) {
            exchange.sendResponseHeaders(reply.status(), reply.streamLength() < 0 ? 0 : reply.streamLength());
            try (OutputStream out = exchange.getResponseBody(); InputStream in = reply.stream().get()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the client stopped reading (a size cap): nothing to do
            }
            return;
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        } catch (IOException e) {
            // the client gave up (timeout tests): nothing to do
        }
    }

    private Function<Request, Reply> route(String key) {
        Deque<Function<Request, Reply>> queue = routes.get(key);
        if (queue == null) {
            queue = routes.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("*") && key.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
