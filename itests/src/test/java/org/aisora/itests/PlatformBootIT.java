package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The distribution boots: every bundle started, the REST API healthy, the platform feature installed. */
public class PlatformBootIT extends AisoraKarafTestSupport {

    /** The bundles of the umbrella feature "aisora". */
    private static final Set<String> PLATFORM_BUNDLES = Set.of(
            "org.aisora.api", "org.aisora.persistence", "org.aisora.core", "org.aisora.rest", "org.aisora.console",
            "org.aisora.providers.builtin", "org.aisora.storage.filesystem", "org.aisora.payments.manual",
            "org.aisora.moderation.rules", "org.aisora.policies.standard", "org.aisora.transcoders.ffmpeg");

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @Test
    public void everyBundleIsActiveAndThePlatformIsComplete() {
        Map<String, String> notActive = waitUntilAllBundlesActive(STARTUP);
        assertEquals("bundles neither ACTIVE nor fragments", Map.of(), notActive);

        Set<String> aisora = Arrays.stream(bundleContext.getBundles())
                .map(Bundle::getSymbolicName)
                .filter(name -> name != null && name.startsWith("org.aisora"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(PLATFORM_BUNDLES);
        missing.removeAll(aisora);
        assertEquals("platform bundles not installed (installed: " + aisora + ")", Set.of(), missing);
    }

    @Test
    public void healthAnswers200WithJson() {
        HttpResult health = waitForHttp200("/health", STARTUP);

        assertTrue("Content-Type of " + health + ": " + health.header("Content-Type"),
                health.header("Content-Type").startsWith("application/json"));
        JsonNode body = health.json();
        assertTrue("not a JSON object: " + health.body(), body.isObject());
        assertEquals(health.body(), "ok", body.path("status").asText());
    }

    /** The default plugins boot as root features, so each one can be uninstalled and installed on its own. */
    @Test
    public void theDefaultFeaturesAreInstalled() {
        String installed = executeCommand("feature:list -i");
        for (String feature : new String[] {"aisora-rest", "aisora-console", "aisora-provider-builtin",
            "aisora-storage-filesystem", "aisora-payment-manual", "aisora-moderation-rules", "aisora-policy-standard",
            "aisora-transcoder-ffmpeg"}) {
            assertTrue(installed, Pattern.compile("(?m)^" + feature + "\\s+\\|").matcher(installed).find());
        }
    }

    /**
     * Every thread the core starts belongs to its scheduler: timers and named lanes. The only other AiSora
     * thread is the REST bundle's refusal timer.
     */
    @Test
    public void everyCoreThreadBelongsToTheCoreScheduler() {
        waitForHttp200("/health/ready", STARTUP);
        Pattern scheduler = Pattern.compile("aisora-(timer|job|media|mail|retention|vendor-deletions|billing-closures|dunning)-\\d+");
        Set<String> aisora = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("aisora-")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> others = aisora.stream().filter(n -> !scheduler.matcher(n).matches())
                .filter(n -> !n.equals("aisora-refusal-delay")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals("threads outside the core scheduler", Set.of(), others);
        assertTrue(aisora.toString(), aisora.stream().anyMatch(n -> n.startsWith("aisora-timer-")));
    }

    /**
     * A configuration of the old single PID (an etc/org.aisora.core.cfg kept from an older version) is moved
     * into the area PIDs and deleted; a setting the area already has is kept, an unknown one dropped.
     */
    @Test
    public void aLegacyCoreConfigurationIsSplitIntoTheAreaPids() throws Exception {
        waitForHttp200("/health/ready", STARTUP);
        ConfigurationAdmin admin = bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
        Configuration mail = admin.getConfiguration("org.aisora.core.mail", "?");
        mail.update(new Hashtable<>(Map.of("mail.batch", "11")));
        Configuration legacy = admin.getConfiguration("org.aisora.core", "?");
        legacy.update(new Hashtable<>(Map.of("retention.batch", "77", "mail.batch", "9", "mail.max.attempts", "3",
                "max.prompt.length", "1500", "no.such.setting", "1")));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admin.listConfigurations("(service.pid=org.aisora.core)") != null && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
        assertEquals("the legacy configuration is gone", null, admin.listConfigurations("(service.pid=org.aisora.core)"));
        assertEquals("77", property(admin, "org.aisora.core.retention", "retention.batch"));
        assertEquals("1500", property(admin, "org.aisora.core.jobs", "max.prompt.length"));
        assertEquals("3", property(admin, "org.aisora.core.mail", "mail.max.attempts"));
        assertEquals("the area's own setting wins", "11", property(admin, "org.aisora.core.mail", "mail.batch"));
        for (String area : new String[] {"jobs", "plans", "media", "mail", "retention", "security", "analytics"}) {
            assertEquals(null, property(admin, "org.aisora.core." + area, "no.such.setting"));
        }
        // the platform still serves with its settings moved
        waitForHttp200("/health/ready", STARTUP);
    }

    private static Object property(ConfigurationAdmin admin, String pid, String key) throws Exception {
        Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
        return found == null || found[0].getProperties() == null ? null : found[0].getProperties().get(key);
    }

    /** Bundles that are neither ACTIVE nor fragments once {@code timeout} has passed, by symbolic name. */
    private Map<String, String> waitUntilAllBundlesActive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, String> notActive = new TreeMap<>();
            for (Bundle bundle : bundleContext.getBundles()) {
                boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                if (bundle.getState() != Bundle.ACTIVE && !fragment) {
                    notActive.put(bundle.getSymbolicName() + "/" + bundle.getVersion(), state(bundle.getState()));
                }
            }
            if (notActive.isEmpty() || System.nanoTime() > deadline) {
                return notActive;
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.ACTIVE:
                return "ACTIVE";
            default:
                return "UNINSTALLED";
        }
    }
}
