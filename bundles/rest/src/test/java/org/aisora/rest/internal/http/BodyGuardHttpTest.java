package org.aisora.rest.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard in a real servlet container (Jetty 9.4, the line Pax Web runs), spoken to over a raw socket
 * so the test controls how much of a body is sent and sees when the answer arrives.
 */
class BodyGuardHttpTest {
    private static final long GIB = 1L << 30;
    private static final long AT_MOST = 512 * 1024;
    private static Server server;
    private static BodyGuard guard;
    private static int port;
    /** Requests that reached the application behind the guard, and the bytes it read. */
    private static final AtomicInteger reached = new AtomicInteger();
    private static final AtomicLong bytesRead = new AtomicLong();
    private static volatile String lastClient;

    static BodyGuard.Config config(long json, long webhook, long delayMillis, String... proxies) {
        return new BodyGuard.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BodyGuard.Config.class;
            }

            @Override
            public long json_max_bytes() {
                return json;
            }

            @Override
            public long webhook_max_bytes() {
                return webhook;
            }

            @Override
            public String[] trusted_proxies() {
                return proxies;
            }

            @Override
            public long refusal_delay_millis() {
                return delayMillis;
            }

            @Override
            public int refusal_delay_max_pending() {
                return 1000;
            }
        };
    }

    /** Stands for CXF: reads the whole body, answers 200 with what it read, 413 when the guard stopped it. */
    static final class App extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            reached.incrementAndGet();
            lastClient = req.getRemoteAddr();
            if (req.getRequestURI().endsWith("/sessions")) {
                // stands for a throttled sign-in
                resp.setStatus(429);
                resp.setHeader("Retry-After", "5");
                resp.setContentType("application/json");
                resp.getOutputStream().write("{\"error\":{\"code\":\"too_many_login_attempts\"}}"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            long n = 0;
            byte[] buf = new byte[8192];
            try (InputStream in = req.getInputStream()) {
                for (int r; (r = in.read(buf)) >= 0; ) {
                    n += r;
                }
            } catch (CappedInputStream.BodyTooLargeException e) {
                bytesRead.set(n);
                resp.setStatus(413);
                return;
            }
            bytesRead.set(n);
            resp.setStatus(200);
            resp.getWriter().write("read " + n);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/api/v1");
        guard = new BodyGuard(config(1024, 64 * 1024, 1500, "127.0.0.1"));
        FilterHolder filter = new FilterHolder(guard);
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servlet = new ServletHolder(new App());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        guard.deactivate();
    }

    @BeforeEach
    void reset() {
        reached.set(0);
        bytesRead.set(0);
    }

    /**
     * Sends the head, then body bytes in 16 KiB steps while no answer has arrived, at most {@code send}
     * and never more than {@link #AT_MOST}; then waits for the answer. A server that needed more of the
     * body to answer would leave this waiting until the socket times out, so an answer proves it did not.
     */
    private static Answer exchange(String head, long send) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] chunk = new byte[16 * 1024];
            long sent = 0;
            try {
                while (sent < Math.min(send, AT_MOST) && in.available() == 0) {
                    int n = (int) Math.min(chunk.length, send - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                }
            } catch (SocketException closedByServer) {
                // the server answered and closed: what it said is still in our receive buffer
            }
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return new Answer(answer, sent);
        }
    }

    record Answer(String text, long sent) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        boolean closes() {
            return text.toLowerCase().contains("connection: close");
        }
    }

    private static String head(String method, String path, String... headers) {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: test\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    @Test
    void anUploadWithoutATokenHasTheSmallCapAndIsRefusedBeforeItsBody() throws IOException {
        Answer a = exchange(head("POST", "/api/v1/media", "Content-Type: image/png", "Content-Length: " + GIB), GIB);
        assertEquals(413, a.status());
        assertTrue(a.closes(), a.text());
        assertTrue(a.text().contains("\"code\":\"body_too_large\""), a.text());
        assertTrue(a.sent() <= AT_MOST, "sent " + a.sent() + " bytes");
        assertEquals(0, reached.get());
        // a small one goes on, so that the resource can answer 401 for the missing token
        Answer small = exchange(head("POST", "/api/v1/media", "Content-Length: 1000", "Connection: close"), 1000);
        assertEquals(200, small.status());
        assertEquals(1, reached.get());
    }

    @Test
    void aDeclaredLengthOverTheCapIs413BeforeTheBody() throws IOException {
        long delayedBefore = guard.delayedRefusals();
        Answer json = exchange(head("POST", "/api/v1/accounts", "Content-Type: application/json",
                "Content-Length: " + GIB), GIB);
        assertEquals(413, json.status());
        assertTrue(json.text().contains("\"code\":\"body_too_large\""), json.text());
        assertTrue(json.closes());
        assertTrue(json.sent() <= AT_MOST, "sent " + json.sent());
        Answer hook = exchange(head("POST", "/api/v1/billing/webhooks/stripe", "Content-Length: " + (64 * 1024 + 1)),
                64 * 1024 + 1);
        assertEquals(413, hook.status());
        assertEquals(0, reached.get());
        assertEquals(delayedBefore + 2, guard.delayedRefusals(), "both anonymous refusals were tarpitted");
    }

    @Test
    void aBodyAtTheCapPasses() throws IOException {
        Answer hook = exchange(head("POST", "/api/v1/billing/webhooks/stripe", "Content-Length: " + 64 * 1024,
                "Connection: close"), 64 * 1024);
        assertEquals(200, hook.status(), hook.text());
        assertEquals(64 * 1024, bytesRead.get());
    }

    @Test
    void aChunkedBodyIsStoppedWhereItPassesTheCap() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            body.append("200\r\n").append("x".repeat(512)).append("\r\n");
        }
        body.append("0\r\n\r\n");
        Answer a = exchange(head("POST", "/api/v1/accounts", "Content-Type: application/json",
                "Transfer-Encoding: chunked", "Connection: close") + body, 0);
        assertEquals(413, a.status(), a.text());
        assertEquals(1, reached.get());
        assertEquals(1024, bytesRead.get(), "the app read exactly the cap before the guard stopped it");
    }

    @Test
    void uploadsWithATokenPassToTheMediaServiceWhichKnowsThePlan() throws IOException {
        Answer a = exchange(head("POST", "/api/v1/media", "Authorization: Bearer t", "Content-Length: 5000",
                "Connection: close"), 5000);
        assertEquals(200, a.status(), a.text());
        assertEquals(5000, bytesRead.get());
    }

    @Test
    void theClientAddressComesFromTrustedProxiesOnly() throws IOException {
        exchange(head("GET", "/api/v1/health", "X-Forwarded-For: 6.6.6.6, 203.0.113.9", "Connection: close"), 0);
        assertEquals("203.0.113.9", lastClient, "127.0.0.1 is a trusted proxy in this test");
        exchange(head("GET", "/api/v1/health", "X-Forwarded-For: 127.0.0.1", "Connection: close"), 0);
        assertEquals("127.0.0.1", lastClient);
    }

    @Test
    void anAnonymousRefusalIsSentLaterWithNoThreadWaitingForIt() throws Exception {
        QueuedThreadPool threads = (QueuedThreadPool) server.getThreadPool();
        int clients = 60;
        long before = guard.delayedRefusals();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> exchange(head("POST", "/api/v1/sessions", "Content-Length: 2",
                        "Connection: close") + "{}", 0)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (guard.pendingRefusals() < clients && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(clients, guard.pendingRefusals(), "every refusal is waiting");
            assertTrue(threads.getBusyThreads() < clients / 2,
                    "waiting refusals hold no threads: " + threads.getBusyThreads() + " busy");
            for (Future<Answer> f : answers) {
                Answer a = f.get(30, TimeUnit.SECONDS);
                assertEquals(429, a.status(), a.text());
                assertTrue(a.text().contains("Retry-After: 5"), a.text());
                assertTrue(a.text().contains("too_many_login_attempts"), a.text());
            }
            assertEquals(0, guard.pendingRefusals());
            assertEquals(before + clients, guard.delayedRefusals());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersOtherThanAnonymousRefusalsAreNotHeld() throws IOException {
        long before = guard.delayedRefusals();
        Answer withToken = exchange(head("POST", "/api/v1/sessions", "Authorization: Bearer t", "Content-Length: 2",
                "Connection: close") + "{}", 0);
        assertEquals(429, withToken.status());
        Answer ok = exchange(head("POST", "/api/v1/accounts", "Content-Length: 2", "Connection: close") + "{}", 0);
        assertEquals(200, ok.status());
        assertEquals(before, guard.delayedRefusals(), "neither answer was delayed");
    }
}
