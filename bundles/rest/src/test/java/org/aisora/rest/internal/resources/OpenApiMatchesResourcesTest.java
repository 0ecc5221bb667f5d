package org.aisora.rest.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.TreeSet;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** openapi.json is written by hand; this keeps it honest: every resource method is described, and nothing else. */
class OpenApiMatchesResourcesTest {
    private static final Class<?>[] RESOURCES = {PublicResource.class, AccountResource.class, CreditResource.class,
        GenerationResource.class, MediaResource.class, AdminResource.class, BillingResource.class,
        ProfileResource.class, StatsResource.class, PolicyAcceptanceResource.class, TokenResource.class,
        DeviceResource.class, PrivacyResource.class};

    @Test
    void everyOperationIsDocumentedAndNothingMore() throws Exception {
        TreeSet<String> inCode = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : m.isAnnotationPresent(DELETE.class) ? "delete" : m.isAnnotationPresent(PUT.class) ? "put"
                        : m.isAnnotationPresent(PATCH.class) ? "patch" : null;
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    inCode.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
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
