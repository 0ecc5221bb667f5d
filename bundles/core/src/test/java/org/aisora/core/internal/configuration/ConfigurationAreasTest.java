package org.aisora.core.internal.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigurationAreasTest {

    /** Every setting the single PID had before the split, with the area it belongs to now. */
    private static final Map<String, String> FORMER = new TreeMap<>(Map.ofEntries(
            Map.entry("signup.grant.credits", "plans"), Map.entry("image.tile.credits", "plans"),
            Map.entry("plans", "plans"), Map.entry("max.image.side", "jobs"), Map.entry("max.prompt.length", "jobs"),
            Map.entry("workers", "jobs"), Map.entry("worker.queue", "jobs"), Map.entry("scan.interval.ms", "jobs"),
            Map.entry("poll.interval.ms", "jobs"), Map.entry("job.timeout.seconds", "jobs"),
            Map.entry("job.lease.seconds", "jobs"), Map.entry("provider.grace.seconds", "jobs"),
            Map.entry("job.drain.seconds", "jobs"), Map.entry("node.id", "node"),
            Map.entry("session.ttl.hours", "security"), Map.entry("login.max.failures.per.account", "security"),
            Map.entry("login.max.failures.per.ip", "security"), Map.entry("login.window.seconds", "security"),
            Map.entry("device.touch.seconds", "security"), Map.entry("thumbnail.size", "media"),
            Map.entry("upload.max.bytes", "media"), Map.entry("upload.max.pixels", "media"),
            Map.entry("upload.max.side", "media"), Map.entry("url.signing.key", "media"),
            Map.entry("signed.url.max.seconds", "media"), Map.entry("renditions", "media"),
            Map.entry("upload.max.video.seconds", "media"), Map.entry("upload.max.video.side", "media"),
            Map.entry("upload.max.video.streams", "media"), Map.entry("moderation.video.frames", "media"),
            Map.entry("media.workers", "media"), Map.entry("retention.sweep.minutes", "retention"),
            Map.entry("retention.batch", "retention"), Map.entry("retention.lease.seconds", "retention"),
            Map.entry("retention.reconcile.hours", "retention"), Map.entry("legal.retention.days", "retention"),
            Map.entry("analytics.k", "analytics"), Map.entry("mail.interval.ms", "mail"),
            Map.entry("mail.batch", "mail"), Map.entry("mail.lease.seconds", "mail"),
            Map.entry("mail.max.attempts", "mail"), Map.entry("mail.retry.base.seconds", "mail"),
            Map.entry("mail.retry.max.seconds", "mail")));

    @Test
    void everyFormerSettingHasExactlyTheAreaItMovedTo() {
        Map<String, String> actual = new TreeMap<>();
        FORMER.keySet().forEach(k -> actual.put(k, ConfigurationAreas.areaOf(k)
                .map(pid -> pid.substring("org.aisora.core.".length())).orElse("(none)")));
        assertEquals(FORMER, actual);
    }

    @Test
    void propertyNamesFollowTheDsRules() {
        assertEquals("max.image.side", ConfigurationAreas.propertyName("max_image_side"));
        assertEquals("a_b.c", ConfigurationAreas.propertyName("a__b_c"));
        assertEquals(Optional.empty(), ConfigurationAreas.areaOf("max_image_side"), "element names are not keys");
        assertEquals(Optional.empty(), ConfigurationAreas.areaOf("no.such.setting"));
    }

    @Test
    void everyAreaHasItsOwnPidUnderTheCore() {
        ConfigurationAreas.AREAS.forEach(area -> assertTrue(ConfigurationAreas.pid(area).startsWith("org.aisora.core."),
                area.getName()));
        assertEquals(ConfigurationAreas.AREAS.size(),
                ConfigurationAreas.AREAS.stream().map(ConfigurationAreas::pid).distinct().count());
    }
}
