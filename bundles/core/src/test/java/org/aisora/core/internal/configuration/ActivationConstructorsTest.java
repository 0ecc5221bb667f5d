package org.aisora.core.internal.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Declarative Services builds a component with its public constructor of {@code init} parameters. A second public
 * constructor of the same length (one for tests, say) lets Felix SCR pick the wrong one: it then logs
 * "Constructor argument N … has unsupported type" and the component silently runs without some of its
 * configuration PIDs. Every component of the core has exactly one, and reads one configuration PID (with several,
 * only the first reached the component in this Karaf: settings in the others were silently ignored).
 */
class ActivationConstructorsTest {
    private static final Pattern INIT = Pattern.compile("init=\"(\\d+)\"");
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation class=\"([^\"]+)\"");
    private static final Pattern PIDS = Pattern.compile("configuration-pid=\"([^\"]+)\"");

    @Test
    void everyComponentHasExactlyOnePublicConstructorOfItsActivationLength() throws Exception {
        Path descriptors = Path.of("target", "classes", "OSGI-INF");
        Map<String, Long> ambiguous = new TreeMap<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(descriptors)) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                String text = read(xml);
                Matcher init = INIT.matcher(text);
                Matcher impl = IMPLEMENTATION.matcher(text);
                if (!init.find() || !impl.find()) {
                    continue;
                }
                int length = Integer.parseInt(init.group(1));
                long candidates = Arrays.stream(Class.forName(impl.group(1)).getConstructors())
                        .filter(c -> c.getParameterCount() == length).count();
                checked++;
                Matcher pids = PIDS.matcher(text);
                if (pids.find() && pids.group(1).contains(" ")) {
                    // Felix SCR here delivered only the first of several PIDs: settings of the others were lost
                    ambiguous.put(impl.group(1) + " (configuration PIDs " + pids.group(1) + ")", 0L);
                }
                if (candidates != 1) {
                    ambiguous.put(impl.group(1), candidates);
                }
            }
        }
        assertTrue(checked > 20, "the core's component descriptors were found: " + checked);
        assertEquals(Map.of(), ambiguous, "components with other than one public activation-length constructor");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
