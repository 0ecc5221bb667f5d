package org.aisora.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.regex.Matcher;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web app's files served by the servlet in a real Jetty, over raw HTTP (so paths reach it unnormalised). */
class WebServletTest {
    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // as in the distribution: something else holds /* (the JAX-RS whiteboard's default application)
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setStatus(418);
            }
        }), "/*");
        context.addFilter(new FilterHolder(new RootFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder holder = new ServletHolder(new WebServlet());
        for (String pattern : WebServlet.PATTERNS) {
            context.addServlet(holder, pattern);
        }
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void theRootIsTheIndexPageWithItsTypeAndAStrictPolicy() throws IOException {
        Answer answer = get("/");
        assertEquals(200, answer.status);
        assertEquals("text/html; charset=utf-8", answer.header("Content-Type").toLowerCase().replace(";charset", "; charset"));
        String csp = answer.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertTrue(answer.body.contains("<script type=\"module\" src=\"js/app.js\"></script>"), answer.body);
    }

    @Test
    void onlyTheRootAndTheAppsFoldersAreTakenTheRestOfTheContextIsLeftAlone() throws IOException {
        assertEquals(418, get("/api/v1/health").status);
        assertEquals(418, get("/anything").status);
        Answer post = post("/");
        assertEquals(418, post.status);
        assertEquals(200, get("/index.html").status);
    }

    @Test
    void scriptsAndStylesHaveTheirTypes() throws IOException {
        assertEquals("text/javascript; charset=utf-8", get("/js/app.js").header("Content-Type").toLowerCase().replace(";charset", "; charset"));
        assertEquals("text/css; charset=utf-8", get("/css/app.css").header("Content-Type").toLowerCase().replace(";charset", "; charset"));
        assertEquals(200, get("/js/app.js").status);
    }

    @Test
    void anUnknownFileIsNotFoundWithThePolicyStill() throws IOException {
        Answer answer = get("/js/nothing-here.js");
        assertEquals(404, answer.status);
        assertTrue(answer.header("Content-Security-Policy").contains("script-src 'self'"));
        assertEquals(404, get("/css/app.exe").status);
    }

    @Test
    void aDirectoryIsNeverListed() throws IOException {
        assertEquals(404, get("/js/").status);
        assertEquals(404, get("/js").status);
        assertEquals(404, get("/css/").status);
    }

    @Test
    void aPathCannotClimbOutOfTheWebRoot() throws IOException {
        for (String path : new String[] {"/../org/aisora/web/internal/WebServlet.class", "/%2e%2e/%2e%2e/etc/passwd",
                "/js/..%2f..%2forg/aisora/web/internal/WebServlet.class", "/..%5c..%5cetc/passwd",
                "/org/aisora/web/internal/WebServlet.class", "/.hidden.js", "/js/%2e%2e/index.html"}) {
            Answer answer = get(path);
            assertNotEquals(200, answer.status, path);
            assertFalse(answer.body.contains("root:"), path);
        }
    }

    @Test
    void everyFileShippedIsSmallAndHasNoInlineScript() throws IOException {
        Path root = Path.of("src/main/resources/web");
        long[] total = {0};
        try (var files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                Answer answer = get("/" + name);
                assertEquals(200, answer.status, name);
                total[0] += Files.size(file);
                if (name.endsWith(".html")) {
                    Matcher scripts = Pattern.compile("<script([^>]*)>([^<]*)</script>").matcher(answer.body);
                    while (scripts.find()) {
                        assertTrue(scripts.group(1).contains("src="), name + ": inline script");
                        assertTrue(scripts.group(2).isBlank(), name + ": inline script");
                    }
                    assertFalse(answer.body.matches("(?s).*\\son[a-z]+=.*"), name + ": inline handler");
                    assertFalse(answer.body.contains("http://") || answer.body.contains("https://"), name + ": third party");
                }
            }
        }
        assertTrue(total[0] < 200 * 1024, "the whole app is " + total[0] + " bytes");
    }

    private static Answer get(String path) throws IOException {
        return send("GET", path);
    }

    private static Answer post(String path) throws IOException {
        return send("POST", path);
    }

    private static Answer send(String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(raw);
        }
    }

    private static final class Answer {
        final int status;
        final String head;
        final String body;

        Answer(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            head = raw.substring(0, split);
            body = raw.substring(split + 4);
            status = Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return "";
        }
    }
}
