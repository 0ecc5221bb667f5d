package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The README's "A tour with curl" runs as written: its first code block is read from README.md and run by bash
 * against the built distribution, with two substitutions only: the distribution's port for 8181, and the
 * console line the README asks the reader to type in the Karaf terminal ({@code #   aisora:...}), which runs
 * through bin/client. Every command must succeed, and the files and answers the tour promises must be there.
 */
class ReadmeTourTest extends DistributionTest {
    private static final Pattern CONSOLE_LINE = Pattern.compile("(?m)^#\\s+(aisora:\\S.*)$");
    /** The test distribution's sign-up grant (Distribution writes signup.grant.credits = 50; the default is 100). */
    private static final String GRANT = "\"balance\":50";


    @Test
    void theTourRunsAsWrittenAndDeliversWhatItPromises() throws Exception {
        String block = tour(Files.readString(Path.of(System.getProperty("aisora.readme", "../README.md"))));
        Matcher console = CONSOLE_LINE.matcher(block);
        assertTrue(console.find(), "the tour verifies the address at the console:\n" + block);
        String client = dist.consoleClient().stream().map(ReadmeTourTest::quoted)
                .collect(Collectors.joining(" "));
        String script = "set -euo pipefail\n" + console.replaceFirst(Matcher.quoteReplacement(client + " "
                + quoted(console.group(1))))
                .replace("http://localhost:8181", dist.base);

        Path dir = Files.createDirectories(platform.work.resolve("readme-tour"));
        Path output = dir.resolve("output.txt");
        Process bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = bash.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            bash.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(ended, "the tour did not end in 180 s:\n" + printed);
        assertEquals(0, bash.exitValue(), "the tour failed:\n" + script + "\n---\n" + printed);

        assertTrue(printed.contains("\"emailVerified\":false"), "before verification:\n" + printed);
        assertTrue(printed.contains(GRANT), "the grant after the console's verification:\n" + printed);
        assertTrue(printed.contains("\"type\":\"upscale\""), "the upscale was accepted:\n" + printed);
        BufferedImage fox = ImageIO.read(dir.resolve("fox.png").toFile());
        assertEquals(256, fox.getWidth());
        assertEquals(256, fox.getHeight());
        byte[] thumb = Files.readAllBytes(dir.resolve("fox-thumb.jpg"));
        assertEquals((byte) 0xFF, thumb[0], "a JPEG thumbnail");
        assertEquals((byte) 0xD8, thumb[1], "a JPEG thumbnail");
    }

    /** The first fenced block after the "A tour with curl" heading. */
    static String tour(String readme) {
        int heading = readme.indexOf("\n## A tour with curl");
        assertTrue(heading >= 0, "README.md has no tour");
        int open = readme.indexOf("\n```\n", heading);
        int close = readme.indexOf("\n```\n", open + 5);
        assertTrue(open > 0 && close > open, "the tour has no code block");
        return readme.substring(open + 5, close + 1);
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
