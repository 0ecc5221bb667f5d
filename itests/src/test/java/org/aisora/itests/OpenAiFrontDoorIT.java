package org.aisora.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.models.Model;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.Assume;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExamServer;
import org.ops4j.pax.exam.karaf.options.KarafDistributionConfigurationFilePutOption;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;

/**
 * The OpenAI-compatible front door driven by OpenAI's own Java SDK, changed only in base URL and key.
 *
 * <p>Unlike the other ITs the tests run in this JVM, not in the container: the SDK (Kotlin, OkHttp) is
 * no OSGi bundle, and a real client sits outside the platform anyway. Pax Exam's server mode boots the
 * same distribution with the same options, once for the class; the HTTP port travels as a system
 * property of this JVM (surefire forks one JVM per class here), so the support's helpers work as usual.
 */
@RunWith(JUnit4.class)
public class OpenAiFrontDoorIT extends AisoraKarafTestSupport {
    @ClassRule
    public static final PaxExamServer PLATFORM = new PaxExamServer();

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    private static volatile boolean frontDoorReady;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    @Configuration
    public Option[] config() {
        Option[] options = super.config();
        String port = Arrays.stream(options).filter(KarafDistributionConfigurationFilePutOption.class::isInstance)
                .map(KarafDistributionConfigurationFilePutOption.class::cast)
                .filter(o -> HTTP_PORT.equals(o.getKey())).map(o -> String.valueOf(o.getValue())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the support class no longer sets " + HTTP_PORT));
        System.setProperty(HTTP_PORT, port);
        return options;
    }

    /**
     * This test drives the platform from outside the container, where there is no console to verify an address
     * with: new accounts are verified at sign-up, as in a closed deployment (verification itself is covered by
     * UserJourneyIT and AccountMailIT).
     */
    @Override
    protected Option[] additionalOptions() {
        return new Option[] {KarafDistributionOption.editConfigurationFilePut("etc/org.aisora.core.security.cfg",
                "accounts.verify.email", "false")};
    }

    /** After the api/v1 readiness of the support: both OpenAI endpoints answer with their 401, twice in a row. */
    @Before
    public void awaitFrontDoor() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int stable = 0;
        String last = "";
        while (!frontDoorReady && stable < 2) {
            int models = status(HttpRequest.newBuilder(openAi("/models")).GET());
            int images = status(HttpRequest.newBuilder(openAi("/images/generations"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
            last = "GET /models -> " + models + ", POST /images/generations -> " + images;
            stable = models == 401 && images == 401 ? stable + 1 : 0;
            if (System.nanoTime() > deadline) {
                fail("the OpenAI front door did not come up within 60 s: " + last);
            }
            sleep(Duration.ofMillis(500));
        }
        frontDoorReady = true;
    }

    @Test
    public void theSdkListsProvidersAndGeneratesPngsPaidWithAisoraCredits() throws Exception {
        Journey ann = Journey.signUp(this, "openai-sdk");
        long before = balance(ann);
        OpenAIClient client = client(ann.token);

        assertTrue(client.models().list().data().stream().map(Model::id).anyMatch("builtin"::equals));

        long started = System.currentTimeMillis() / 1000;
        ImagesResponse inline = client.images().generate(ImageGenerateParams.builder()
                .prompt("a red kite over a green hill").model("dall-e-3").n(1L)
                .size(ImageGenerateParams.Size._1024X1024).responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());
        assertTrue(inline.created() >= started - 5 && inline.created() <= started + 180);
        byte[] png = Base64.getDecoder().decode(inline.data().orElseThrow().get(0).b64Json().orElseThrow());
        assertPng(png, 1024, 1024);

        ImagesResponse linked = client.images().generate(ImageGenerateParams.builder()
                .prompt("a paper boat on a pond").model("builtin").size(ImageGenerateParams.Size._512X512)
                .responseFormat(ImageGenerateParams.ResponseFormat.URL).build());
        String url = linked.data().orElseThrow().get(0).url().orElseThrow();
        assertTrue(url, url.startsWith(apiBase() + "/media/") && url.contains("sig="));
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("the URL works without a token", 200, anonymous.statusCode());
        assertPng(anonymous.body(), 512, 512);

        JsonNode jobs = http("GET", "/generations", null, ann.token).json();
        assertEquals(jobs.toString(), 2, jobs.size());
        long spent = 0;
        for (JsonNode job : jobs) {
            assertEquals("succeeded", job.get("status").asText());
            assertEquals("text-to-image", job.get("type").asText());
            spent += job.get("cost").asLong();
        }
        assertEquals("the same credits as api/v1", before - spent, balance(ann));
        JsonNode boat = jobs.get(0).get("prompt").asText().startsWith("a paper boat") ? jobs.get(0) : jobs.get(1);
        assertEquals("a model naming an installed provider pins it", "builtin", boat.get("provider").asText());

        // the largest size the core allows, once it costs more than what is left (5 credits a tile by default)
        long tile = boat.get("cost").asLong();
        Assume.assumeTrue("the balance still covers a 2048x2048 image", balance(ann) < 16 * tile);
        RateLimitException broke = expect(RateLimitException.class, () -> client.images().generate(
                ImageGenerateParams.builder().prompt("a very large kite").size(ImageGenerateParams.Size.of("2048x2048"))
                        .build()));
        assertEquals(429, broke.statusCode());
        assertEquals("insufficient_quota", broke.code().orElse(""));
        assertEquals("insufficient_quota", broke.type().orElse(""));
        assertEquals("false", broke.headers().values("x-should-retry").stream().findFirst().orElse(""));
    }

    @Test
    public void errorsArriveAsTheSdksOwnExceptions() throws Exception {
        UnauthorizedException unknown = expect(UnauthorizedException.class,
                () -> client("not-a-session-token").images().generate(ImageGenerateParams.builder().prompt("x").build()));
        assertEquals(401, unknown.statusCode());
        assertEquals("invalid_api_key", unknown.code().orElse(""));
        assertEquals("invalid_request_error", unknown.type().orElse(""));
        expect(UnauthorizedException.class, () -> client("not-a-session-token").models().list());

        Journey bob = Journey.signUp(this, "openai-errors");
        long before = balance(bob);
        OpenAIClient client = client(bob.token);
        BadRequestException two = expect(BadRequestException.class, () -> client.images().generate(
                ImageGenerateParams.builder().prompt("two kites").n(2L).build()));
        assertEquals("n", two.param().orElse(""));
        BadRequestException tiny = expect(BadRequestException.class, () -> client.images().generate(
                ImageGenerateParams.builder().prompt("a tiny kite").size(ImageGenerateParams.Size.of("10x10")).build()));
        assertEquals("invalid_size", tiny.code().orElse(""));
        assertEquals("size", tiny.param().orElse(""));
        BadRequestException refused = expect(BadRequestException.class, () -> client.images().generate(
                ImageGenerateParams.builder().prompt("please draw aisora-moderation-test now").build()));
        assertEquals("content_policy_violation", refused.code().orElse(""));
        assertEquals("refusals cost nothing", before, balance(bob));
    }

    private OpenAIClient client(String token) {
        return OpenAIOkHttpClient.builder().baseUrl(apiBase().resolve("/api/v1/openai/v1").toString()).apiKey(token)
                .maxRetries(0).timeout(Duration.ofSeconds(180)).build();
    }

    private URI openAi(String path) {
        return apiBase().resolve("/api/v1/openai/v1" + path);
    }

    private int status(HttpRequest.Builder request) throws Exception {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private long balance(Journey user) {
        return http("GET", "/credits", null, user.token).json().get("balance").asLong();
    }

    private static <T extends OpenAIServiceException> T expect(Class<T> type, ThrowingRunnable call) {
        try {
            call.run();
        } catch (Throwable e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + e, e);
        }
        throw new AssertionError("expected " + type.getSimpleName() + " but the call succeeded");
    }

    private static void assertPng(byte[] bytes, int width, int height) throws Exception {
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertFalse("decodes as an image", image == null);
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }
}
