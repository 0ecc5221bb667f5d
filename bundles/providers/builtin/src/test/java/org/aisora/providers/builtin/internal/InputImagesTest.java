package org.aisora.providers.builtin.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;

class InputImagesTest {
    private final BuiltinProvider provider = new BuiltinProvider(Configs.of(BuiltinProviderConfig.class, Map.of()));

    static MediaInput input(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x * 255 / w << 16 | y * 255 / h);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        byte[] bytes = out.toByteArray();
        return new MediaInput() {
            public String contentType() {
                return "image/png";
            }

            public int width() {
                return w;
            }

            public int height() {
                return h;
            }

            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private static BufferedImage output(BuiltinProvider p, GenerationRequest r) throws Exception {
        try (InputStream in = p.submit(r).outputs().get(0).open()) {
            return ImageIO.read(in);
        }
    }

    private static int[] pixels(BufferedImage i) {
        return i.getRGB(0, 0, i.getWidth(), i.getHeight(), null, 0, i.getWidth());
    }

    @Test
    void upscaleResamplesToTheRequestedSize() throws Exception {
        MediaInput small = input(64, 48);
        BufferedImage big = output(provider, new GenerationRequest("u", GenerationType.UPSCALE, "", null, 256, 192, 0, 1, small));
        assertEquals(256, big.getWidth());
        assertEquals(192, big.getHeight());
        // a smooth gradient stays smooth: the corners keep the input's colours
        assertEquals(0, big.getRGB(0, 0) >> 16 & 0xff, 8);
        assertTrue((big.getRGB(255, 191) >> 16 & 0xff) > 230);
        ProviderException smaller = assertThrows(ProviderException.class, () -> provider.submit(
                new GenerationRequest("u", GenerationType.UPSCALE, "", null, 64, 48, 0, 1, small)));
        assertEquals("invalid_size", smaller.code());
    }

    @Test
    void imageToImageFollowsThePromptAndIsDeterministic() throws Exception {
        MediaInput in = input(128, 128);
        int[] a = pixels(output(provider, new GenerationRequest("a", GenerationType.IMAGE_TO_IMAGE, "sunset", null, 128, 128, 0, 5, in)));
        int[] b = pixels(output(provider, new GenerationRequest("b", GenerationType.IMAGE_TO_IMAGE, "sunset", null, 128, 128, 0, 5, in)));
        int[] c = pixels(output(provider, new GenerationRequest("c", GenerationType.IMAGE_TO_IMAGE, "forest", null, 128, 128, 0, 5, in)));
        assertTrue(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(a, pixels(ImageIO.read(in.open()))), "never a copy of the input");
    }

    @Test
    void inputTypesNeedAnInput() {
        assertEquals("missing_input", assertThrows(ProviderException.class, () -> provider.submit(
                new GenerationRequest("x", GenerationType.UPSCALE, "", null, 128, 128, 0, 1))).code());
    }
}
