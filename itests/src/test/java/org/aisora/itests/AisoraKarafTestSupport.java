package org.aisora.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Boots the built AiSora distribution (aisora-karaf-assembly tar.gz) once per test class, on free
 * random ports, and gives tests the console, HTTP against {@code /api/v1} and JSON.
 *
 * <p>{@link #config()} runs in the Maven JVM; the test methods run inside the container, which is
 * why the HTTP port travels as a system property of the container ({@value #HTTP_PORT}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class AisoraKarafTestSupport {

    protected static final String HTTP_PORT = "aisora.itest.http.port";
    protected static final ObjectMapper JSON = new ObjectMapper();

    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";
    private static final String MVN = "org.ops4j.pax.url.mvn.";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    private HttpClient httpClient;

    @Configuration
    public Option[] config() {
        String httpPort = Integer.toString(freePort());
        return Stream.of(
                options(
                        karafDistributionConfiguration()
                                .frameworkUrl(maven("org.aisora", "aisora-karaf-assembly").type("tar.gz").versionAsInProject())
                                .name("AiSora")
                                .unpackDirectory(new File("target/exam"))
                                .useDeployFolder(false),
                        configureConsole().ignoreLocalConsole(),
                        // what bin/karaf passes on Java 17 and Pax Exam does not: JavaCPP (FFmpeg natives) needs java.lang open
                        vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
                        vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
                        vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
                        vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
                        vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
                        vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
                        logLevel(LogLevel.WARN),
                        editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
                        editConfigurationFilePut("etc/system.properties", HTTP_PORT, httpPort),
                        // the itests drive load through single accounts: a free plan they never hit the limits of
                        editConfigurationFilePut("etc/org.aisora.core.plans.cfg", "plans", "free=monthly.credits:100,"
                                + "retention.days:7,max.concurrent.jobs:100000,requests.per.minute:1000000,"
                                + "max.video.seconds:60,max.upload.mb:1024; pro=monthly.credits:2000,retention.days:30,"
                                + "max.concurrent.jobs:100000,requests.per.minute:1000000,max.video.seconds:60,"
                                + "max.upload.mb:1024"),
                        // every itest signs up many accounts from 127.0.0.1: the sign-up limits are unit-tested
                        editConfigurationFilePut("etc/org.aisora.core.security.cfg", "signup.max.per.ip", "1000000"),
                        editConfigurationFilePut("etc/org.aisora.core.security.cfg", "signup.max.global", "1000000"),
                        editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                        editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
                        editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
                        // the container resolves like the build: same local repository, Central only
                        editConfigurationFilePut(MVN_CFG, MVN + "localRepository", System.getProperty(MVN + "localRepository", "")),
                        editConfigurationFilePut(MVN_CFG, MVN + "repositories", System.getProperty(MVN + "repositories",
                                "https://repo1.maven.org/maven2@id=central"))),
                additionalOptions())
                .flatMap(Stream::of)
                .toArray(Option[]::new);
    }

    private static volatile boolean platformReady;

    /**
     * Before the first test of a container: every resource of the API answers as itself. The JAX-RS
     * whiteboard redeploys the application each time a resource arrives, so "health answers" alone is
     * not "up"; all resources must answer, twice in a row.
     */
    @Before
    public void awaitPlatformReady() {
        if (platformReady) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int stable = 0;
        String last = "";
        while (stable < 2) {
            last = readiness();
            stable = last.isEmpty() ? stable + 1 : 0;
            if (System.nanoTime() > deadline) {
                fail("the API did not come up within 120 s: " + last);
            }
            sleep(Duration.ofMillis(500));
        }
        platformReady = true;
    }

    /** "" when every resource answers as expected, else what did not. */
    private String readiness() {
        try {
            StringBuilder problems = new StringBuilder();
            expect(problems, "GET /health", get("/health").status(), 200);
            expect(problems, "GET /openapi.json", get("/openapi.json").status(), 200);
            expect(problems, "GET /policies/privacy", get("/policies/privacy").status(), 200);
            expect(problems, "POST /sessions {}", http("POST", "/sessions", "{}", null).status(), 400);
            for (String path : new String[] {"/me", "/credits", "/generations", "/media"}) {
                expect(problems, "GET " + path, get(path).status(), 401);
            }
            return problems.toString();
        } catch (UncheckedIOException e) {
            return e.toString();
        }
    }

    private static void expect(StringBuilder problems, String what, int actual, int expected) {
        if (actual != expected) {
            problems.append(what).append(" -> ").append(actual).append("; ");
        }
    }

    /** Options a test class adds to the common ones, e.g. an edited {@code etc/*.cfg}. */
    protected Option[] additionalOptions() {
        return new Option[0];
    }

    /** Runs a console command as an administrator and returns what it printed (and returned). */
    protected String executeCommand(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject admin = new Subject();
        Stream.of("admin", "manager", "viewer", "systembundles")
                .forEach(role -> admin.getPrincipals().add(new RolePrincipal(role)));
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            Object result = Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            if (result != null) {
                out.println(result);
            }
        } catch (PrivilegedActionException e) {
            throw new AssertionError("'" + command + "' failed: " + e.getCause() + "\n" + bytes.toString(StandardCharsets.UTF_8),
                    e.getCause());
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The REST base, {@code http://localhost:<port>/api/v1}. */
    protected URI apiBase() {
        String port = System.getProperty(HTTP_PORT);
        if (port == null) {
            throw new IllegalStateException(HTTP_PORT + " is not set: not running inside the test container?");
        }
        return URI.create("http://localhost:" + port + "/api/v1");
    }

    /**
     * One HTTP exchange with the REST API.
     *
     * @param path        below {@code /api/v1}, starting with {@code /}
     * @param jsonBody    null, a JSON string, or an object Jackson serializes
     * @param bearerToken null or the token sent as {@code Authorization: Bearer}
     */
    protected HttpResult http(String method, String path, Object jsonBody, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(jsonBody), StandardCharsets.UTF_8));
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + path, e);
        }
    }

    protected HttpResult get(String path) {
        return http("GET", path, null, null);
    }

    /** Polls {@code GET path} until it answers 200; fails with the last answer after {@code timeout}. */
    protected HttpResult waitForHttp200(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                HttpResult result = get(path);
                if (result.status() == 200) {
                    return result;
                }
                last = result.status() + " " + result.body();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString();
            }
            if (System.nanoTime() > deadline) {
                fail("GET " + path + " did not answer 200 within " + timeout + "; last: " + last);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    protected static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String toJson(Object body) {
        if (body instanceof String) {
            return (String) body;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + body, e);
        }
    }

    private synchronized HttpClient client() {
        if (httpClient == null) {
            httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return httpClient;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Status, headers and body of one HTTP exchange. */
    protected static final class HttpResult {
        private final int status;
        private final HttpHeaders headers;
        private final String body;

        HttpResult(int status, HttpHeaders headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public HttpHeaders headers() {
            return headers;
        }

        /** The first value of a header, or "" when absent. */
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        public String body() {
            return body;
        }

        public JsonNode json() {
            return parseJson(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
