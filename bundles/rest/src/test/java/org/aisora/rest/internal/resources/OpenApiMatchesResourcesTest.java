package org.aisora.rest.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Locale;
import java.util.TreeSet;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import org.aisora.rest.internal.http.LivenessServlet;
import org.junit.jupiter.api.Test;

/** openapi.json is written by hand; this keeps it honest: every resource method is described, and nothing else. */
class OpenApiMatchesResourcesTest {
    /** Every JAX-RS resource of this package (found on disk, so a new one cannot be left out of the check). */
    private static List<Class<?>> resources() throws Exception {
        Path dir = Path.of(PublicResource.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(PublicResource.class.getPackageName().replace('.', '/'));
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = f.getFileName().toString();
                Class<?> c = Class.forName(PublicResource.class.getPackageName() + "." + name.substring(0, name.length() - 6));
                if (c.isAnnotationPresent(javax.ws.rs.Path.class)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    @Test
    void everyOperationIsDocumentedAndNothingMore() throws Exception {
        TreeSet<String> inCode = new TreeSet<>();
        List<Class<?>> resources = resources();
        assertTrue(resources.size() >= 12, "resources found: " + resources);
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(javax.ws.rs.Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : m.isAnnotationPresent(DELETE.class) ? "delete" : m.isAnnotationPresent(PUT.class) ? "put"
                        : m.isAnnotationPresent(PATCH.class) ? "patch" : null;
                if (verb != null) {
                    javax.ws.rs.Path sub = m.getAnnotation(javax.ws.rs.Path.class);
                    inCode.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        // served by a servlet rather than a resource (it must answer while the application is redeployed)
        inCode.add("get " + LivenessServlet.PATH);
        TreeSet<String> documented = new TreeSet<>();
        try (InputStream in = PublicResource.class.getResourceAsStream("openapi.json")) {
            JsonNode paths = new ObjectMapper().readTree(in).get("paths");
            paths.fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(verb -> documented.add(verb.toLowerCase(Locale.ROOT) + " " + p.getKey())));
        }
        assertEquals(inCode, documented);
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
