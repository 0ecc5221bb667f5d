package org.aisora.rest.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.rest.internal.app.JsonProvider;
import org.junit.jupiter.api.Test;

/** A restricted account at the OpenAI front door: the core's refusal is a 403 processing_restricted in OpenAI's shape. */
class RestrictedFrontDoorTest {
    @Test
    void theCoresRestrictionRefusalIsA403WithItsCode() throws Exception {
        FakeCore core = new FakeCore();
        AisoraException restricted = AisoraException.forbidden("processing_restricted", "you restricted processing");
        core.onSubmit = restricted;
        ImageGeneration g = new ImageGeneration(core.generations, core.media, Duration.ofSeconds(5),
                Duration.ofSeconds(60), System::nanoTime, millis -> { });
        ImagePlan plan = ImageRequests.plan(JsonProvider.mapper().readValue("{\"prompt\":\"p\"}", ImageRequest.class),
                Set.of("builtin"));
        assertSame(restricted, assertThrows(AisoraException.class,
                () -> g.generate(new Caller("a", "a@example.org", "user"), plan, null, URI.create("http://x/openai/v1/"))));
        assertEquals(0, core.reads);

        OpenAiError e = OpenAiErrors.of(restricted);
        assertEquals(403, e.status());
        assertEquals("processing_restricted", e.code());
        assertEquals("processing_restricted", new ObjectMapper().readTree(e.json()).get("error").get("code").asText());
    }
}
