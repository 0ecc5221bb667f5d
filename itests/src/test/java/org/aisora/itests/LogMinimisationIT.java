package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Data minimisation in the shipped distribution's logs: a journey leaves neither the user's e-mail nor the
 * prompt in {@code karaf.log}; anything shaped like an e-mail that some code does log comes out masked; and
 * the log's retention is the active policy's operational-log retention.
 */
public class LogMinimisationIT extends AisoraKarafTestSupport {
    private static final String LOGGING_PID = "org.ops4j.pax.logging";

    @Test
    public void aJourneyLeavesNoEmailOrPromptInTheLog() throws Exception {
        Journey ann = Journey.signUp(this, "logged");
        String prompt = "a lighthouse painted by marker " + System.nanoTime();
        JsonNode job = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", prompt,
                "width", 64, "height", 64), ann.token).json();
        assertEquals("succeeded", ann.awaitTerminal(job.get("id").asText()).get("status").asText());
        // a failed sign-in with the address and a blocked prompt: the paths most tempted to log what they got
        assertEquals(401, http("POST", "/sessions", Map.of("email", ann.email, "password", "wrong password!"), null)
                .status());
        http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "aisora-moderation-test " + prompt,
                "width", 64, "height", 64), ann.token);
        executeCommand("aisora:user-info " + ann.email);

        // a line that does carry an address, at a level the itests' WARN threshold keeps: it arrives masked
        String marker = "log-probe-" + System.nanoTime();
        org.slf4j.LoggerFactory.getLogger(LogMinimisationIT.class).warn("{} for {}", marker, ann.email,
                new IllegalStateException("refused " + ann.email));
        String log = awaitLogContaining(marker);
        String line = log.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        assertTrue(line, line.contains(marker + " for <email>"));
        assertTrue("the stack trace is masked too", log.contains("refused <email>"));

        assertFalse("no e-mail address in the log", log.contains(ann.email));
        assertFalse("no prompt in the log", log.contains(prompt));
    }

    @Test
    public void theLogIsKeptAsLongAsTheActivePolicyKeepsOperationalLogs() throws Exception {
        Configuration logging = configurationAdmin().getConfiguration(LOGGING_PID, null);
        String retention = String.valueOf(logging.getProperties().get("aisora.log.retention"));
        assertTrue(retention, retention.matches("\\d+d"));
        long days = Long.parseLong(retention.substring(0, retention.length() - 1));

        Journey free = Journey.signUp(this, "retained");
        JsonNode shown = http("GET", "/me", null, free.token).json().get("retention");
        assertEquals(shown.toString(), days * 24, shown.get("hours").get("operational_log").asLong());
        // daily roll-over, and the deletion of rolled files past that age, are what the shipped config asks for
        assertEquals("TimeBasedTriggeringPolicy", logging.getProperties().get("log4j2.appender.rolling.policies.time.type"));
        assertEquals("Delete", logging.getProperties().get("log4j2.appender.rolling.strategy.delete.type"));
        assertEquals(retention, logging.getProperties().get("log4j2.appender.rolling.strategy.delete.age.age"));
    }

    private ConfigurationAdmin configurationAdmin() {
        ServiceReference<ConfigurationAdmin> ref = bundleContext.getServiceReference(ConfigurationAdmin.class);
        return bundleContext.getService(ref);
    }

    private static String awaitLogContaining(String marker) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String all = readLogs();
            if (all.contains(marker) || System.nanoTime() > deadline) {
                assertTrue("the probe line reached karaf.log", all.contains(marker));
                return all;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** Every plain-text log file the distribution writes (rolled files are gzipped, and none roll in a test). */
    private static String readLogs() throws IOException {
        Path dir = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"));
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }
}
