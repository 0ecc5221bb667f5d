package org.aisora.providers.builtin.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.junit.jupiter.api.Test;

class BuiltinProviderTest {
    private final BuiltinProvider provider = new BuiltinProvider(Configs.of(BuiltinProviderConfig.class, Map.of()));

    @Test
    void identityAndCapabilities() {
        assertEquals("builtin", provider.id());
        assertEquals(PluginHealth.online(), provider.health());
        assertEquals(Set.of(GenerationType.TEXT_TO_IMAGE, GenerationType.IMAGE_TO_IMAGE, GenerationType.UPSCALE),
                provider.capabilities().types());
        assertEquals(2048, provider.capabilities().maxWidth());
        assertEquals(2048, provider.capabilities().maxHeight());
        assertEquals(0, provider.capabilities().maxDurationSeconds());
    }

    @Test
    void doesNotTrainOnContent() {
        assertEquals(org.aisora.api.provider.TrainsOnContent.NO, provider.training().trainsOnContent());
        assertTrue(provider.training().routable());
        assertTrue(provider.thirdParty().isEmpty(), "nothing is sent to anyone");
    }

    @Test
    void submitReturnsAFinishedPngOfExactlyTheRequestedSize() throws Exception {
        ProviderTask task = provider.submit(request("j1", "a red fox in snow", 7, 333, 121));
        assertEquals("builtin-j1", task.taskId());
        assertEquals(ProviderTask.Status.SUCCEEDED, task.status());
        assertEquals(1, task.outputs().size());
        assertEquals("image/png", task.outputs().get(0).contentType());
        byte[] png = bytes(task);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(333, image.getWidth());
        assertEquals(121, image.getHeight());
    }

    @Test
    void extremeSizesAreExact() throws Exception {
        for (int[] size : new int[][] {{1, 1}, {2048, 1}, {1, 2048}}) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                    bytes(provider.submit(request("s", "x", 1, size[0], size[1])))));
            assertEquals(size[0], image.getWidth());
            assertEquals(size[1], image.getHeight());
        }
    }

    @Test
    void samePromptAndSeedGiveIdenticalBytes() throws Exception {
        byte[] first = bytes(provider.submit(request("a", "lighthouse at dusk", 42, 256, 192)));
        BuiltinProvider other = new BuiltinProvider(Configs.of(BuiltinProviderConfig.class, Map.of()));
        byte[] second = bytes(other.submit(request("b", "lighthouse at dusk", 42, 256, 192)));
        assertArrayEquals(first, second);
    }

    @Test
    void differentPromptsOrSeedsDifferInMostPixels() {
        int[] base = ProceduralImage.pixels("lighthouse at dusk", 42, 200, 200);
        assertTrue(differingFraction(base, ProceduralImage.pixels("lighthouse at dawn", 42, 200, 200)) > 0.5);
        assertTrue(differingFraction(base, ProceduralImage.pixels("lighthouse at dusk", 43, 200, 200)) > 0.5);
    }

    @Test
    void invalidSizesAndTypesAreRejected() {
        for (int[] size : new int[][] {{0, 10}, {10, 0}, {-1, 10}, {2049, 10}, {10, 2049}}) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider.submit(request("j", "p", 1, size[0], size[1])));
            assertEquals("invalid_size", e.code());
            assertFalse(e.retryable());
        }
        GenerationRequest video = new GenerationRequest("v", GenerationType.TEXT_TO_VIDEO, "p", null, 64, 64, 4, 1);
        assertEquals("unsupported_type", assertThrows(ProviderException.class, () -> provider.submit(video)).code());
    }

    @Test
    void configuredLimitsApplyAndBadOnesDegrade() throws Exception {
        BuiltinProvider small = new BuiltinProvider(
                Configs.of(BuiltinProviderConfig.class, Map.of("max_width", 64, "max_height", 32)));
        assertEquals(64, small.capabilities().maxWidth());
        assertThrows(ProviderException.class, () -> small.submit(request("j", "p", 1, 65, 32)));
        small.submit(request("j", "p", 1, 64, 32));

        BuiltinProvider bad = new BuiltinProvider(Configs.of(BuiltinProviderConfig.class, Map.of("max_width", 0)));
        assertEquals(PluginHealth.Status.DEGRADED, bad.health().status());
        assertTrue(bad.health().reason().contains("max.width"));
        assertEquals(2048, bad.capabilities().maxWidth());
    }

    @Test
    void pollKnowsSubmittedTasksOnlyAndCancelIsHarmless() throws Exception {
        ProviderTask submitted = provider.submit(request("p1", "tea", 3, 40, 30));
        ProviderTask polled = provider.poll(submitted.taskId());
        assertEquals(ProviderTask.Status.SUCCEEDED, polled.status());
        assertArrayEquals(bytes(submitted), bytes(polled));
        provider.cancel(submitted.taskId());
        assertEquals(ProviderTask.Status.SUCCEEDED, provider.poll(submitted.taskId()).status());

        ProviderException e = assertThrows(ProviderException.class, () -> provider.poll("builtin-nope"));
        assertEquals("unknown_task", e.code());
        assertFalse(e.retryable());
    }

    private static GenerationRequest request(String job, String prompt, long seed, int width, int height) {
        return new GenerationRequest(job, GenerationType.TEXT_TO_IMAGE, prompt, null, width, height, 0, seed);
    }

    private static byte[] bytes(ProviderTask task) throws IOException {
        try (InputStream in = task.outputs().get(0).open()) {
            return in.readAllBytes();
        }
    }

    private static double differingFraction(int[] a, int[] b) {
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        return (double) differing / a.length;
    }
}
