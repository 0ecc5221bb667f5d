package org.aisora.webtests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh copy of the built distribution (karaf-assembly's tar.gz) on free loopback ports, with e-mail verification
 * on and the SMTP notifier mailing to a local server; started with bin/start, stopped with bin/stop.
 */
final class Distribution implements AutoCloseable {
    private final Path home;
    private final int sshPort;
    final int httpPort;
    final String base;

    private Distribution(Path home, int httpPort, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
        this.httpPort = httpPort;
        this.base = "http://127.0.0.1:" + httpPort;
    }

    /** Unpacks, configures and starts the distribution, and waits until it serves every request. */
    static Distribution start(Path assembly, Path scratch, int smtpPort) throws Exception {
        deleteTree(scratch);
        Files.createDirectories(scratch);
        run(scratch, "tar", "xzf", assembly.toString(), "-C", scratch.toString(), "--strip-components=1");
        int http = freePort();
        Path etc = scratch.resolve("etc");
        replace(etc.resolve("org.ops4j.pax.web.cfg"), "(?m)^org\\.osgi\\.service\\.http\\.port *=.*$",
                "org.osgi.service.http.port = " + http);
        int ssh = freePort();
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshPort *=.*$", "sshPort = " + ssh);
        // the console for the test, by a key made for this copy only
        run(scratch, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", "console-key");
        String publicKey = Files.readString(scratch.resolve("console-key.pub")).split(" ")[1];
        Files.writeString(etc.resolve("keys.properties"), "\nkaraf=" + publicKey + ",_g_:admingroup\n",
                java.nio.file.StandardOpenOption.APPEND);
        replace(etc.resolve("org.apache.karaf.features.cfg"), "featuresBoot = \\\\\n",
                "featuresBoot = \\\n    aisora-notify-smtp, \\\n");
        Files.writeString(etc.resolve("org.aisora.notify.smtp.cfg"),
                "host = 127.0.0.1\nport = " + smtpPort + "\nfrom = accounts@aisora.test\nstarttls = off\n");
        Files.writeString(etc.resolve("org.aisora.core.mail.cfg"), "mail.interval.ms = 200\n");
        // a low submission rate and a small grant, so the generate screen can meet both limits within a test
        Files.writeString(etc.resolve("org.aisora.core.plans.cfg"), "signup.grant.credits = 50\n"
                + "plans = free=monthly.credits:50,retention.days:7,max.concurrent.jobs:2,requests.per.minute:5,"
                + "max.video.seconds:10,max.upload.mb:50,max.storage.mb:1024\n");
        Files.writeString(etc.resolve("org.aisora.core.security.cfg"),
                "accounts.verify.email = true\nsignup.max.per.ip = 100\n");
        Distribution d = new Distribution(scratch, http, ssh);
        run(scratch, scratch.resolve("bin/start").toString());
        d.awaitReady(Duration.ofSeconds(240));
        return d;
    }

    private void awaitReady(Duration limit) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && page.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the distribution in " + home + " was not ready in " + limit);
    }

    /** Runs a console command (aisora:*) through bin/client and the test's key. */
    void console(String command) throws Exception {
        java.util.List<String> line = new java.util.ArrayList<>(consoleClient());
        line.add(command);
        run(home, line.toArray(String[]::new));
    }

    /** bin/client with the arguments that reach this copy's console; a command follows as the last argument. */
    java.util.List<String> consoleClient() {
        return java.util.List.of(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort), "-h",
                "127.0.0.1", "-u", "karaf", "-k", home.resolve("console-key").toString());
    }

    @Override
    public void close() throws Exception {
        run(home, home.resolve("bin/stop").toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void replace(Path file, String regex, String replacement) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        String changed = text.replaceFirst(regex, java.util.regex.Matcher.quoteReplacement(replacement));
        if (changed.equals(text)) {
            throw new IllegalStateException(regex + " not found in " + file);
        }
        Files.writeString(file, changed, StandardCharsets.ISO_8859_1);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
