package org.aisora.support.vendorhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The star, checked on the sources: a plugin family's main code uses its own SPI package, the shared
 * {@code org.aisora.api.plugin} and family-neutral support bundles (this one), never another family's SPI
 * or another family's bundles. It lives here because this bundle exists so that families need not share a
 * family's code to call a vendor.
 */
class PluginFamilyBoundaryTest {
    /** Folder under bundles/ -> its SPI package and its bundles' root package. */
    private static final Map<String, List<String>> FAMILIES = Map.of(
            "providers", List.of("org.aisora.api.provider", "org.aisora.providers."),
            "storage", List.of("org.aisora.api.storage", "org.aisora.storage."),
            "payments", List.of("org.aisora.api.payment", "org.aisora.payments."),
            "moderation", List.of("org.aisora.api.moderation", "org.aisora.moderation."),
            "notify", List.of("org.aisora.api.notify", "org.aisora.notify."),
            "transcoders", List.of("org.aisora.api.transcode", "org.aisora.transcoders."),
            "policies", List.of("org.aisora.api.policy", "org.aisora.policies."));

    /**
     * Uses that are a service consumed, not code shared: the builtin provider encodes its clips with the
     * active Transcoder. "family/bundle uses package" each.
     */
    private static final Set<String> CONSUMES = Set.of(
            "providers/builtin uses org.aisora.api.transcode");

    @Test
    void noFamilyUsesAnotherFamilysSpiOrBundles() throws IOException {
        Path bundles = bundlesFolder();
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        for (String family : FAMILIES.keySet()) {
            try (Stream<Path> plugins = Files.list(bundles.resolve(family))) {
                for (Path plugin : plugins.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                    String bundle = family + "/" + plugin.getFileName();
                    for (Path source : sources(plugin)) {
                        scanned++;
                        violations.addAll(foreignUses(bundle, family, source));
                    }
                }
            }
        }
        assertTrue(scanned > 100, "the scan found only " + scanned + " sources under " + bundles);
        assertEquals(List.of(), violations);
    }

    @Test
    void supportBundlesUseNoFamilyAtAll() throws IOException {
        Path support = bundlesFolder().resolve("support");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> bundles = Files.list(support)) {
            for (Path bundle : bundles.filter(Files::isDirectory).toList()) {
                for (Path source : sources(bundle)) {
                    violations.addAll(foreignUses("support/" + bundle.getFileName(), "support", source));
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    private static List<String> foreignUses(String bundle, String family, Path source) {
        String text = read(source);
        List<String> found = new ArrayList<>();
        FAMILIES.forEach((other, packages) -> {
            if (other.equals(family)) {
                return;
            }
            for (String pkg : packages) {
                if (usesPackage(text, pkg) && !CONSUMES.contains(bundle + " uses " + pkg)) {
                    found.add(bundle + " uses " + pkg + " in " + source.getFileName());
                }
            }
        });
        return found;
    }

    /** {@code org.aisora.api.provider} but not {@code org.aisora.api.providers...}: the next char ends the name. */
    private static boolean usesPackage(String text, String pkg) {
        for (int i = text.indexOf(pkg); i >= 0; i = text.indexOf(pkg, i + 1)) {
            int end = i + pkg.length();
            if (pkg.endsWith(".") || end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> sources(Path bundle) throws IOException {
        Path main = bundle.resolve("src/main/java");
        if (!Files.isDirectory(main)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs in this module's folder: bundles/ is the nearest ancestor holding api/ and providers/. */
    private static Path bundlesFolder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("api")) && Files.isDirectory(p.resolve("providers"))) {
                return p;
            }
        }
        throw new IllegalStateException("no bundles/ folder above " + Path.of("").toAbsolutePath());
    }
}
