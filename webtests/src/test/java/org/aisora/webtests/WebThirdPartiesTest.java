package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The privacy centre's list of third parties, once a vendor saw the user's prompt: the operator hot-adds the
 * Stability AI provider at the console, pointed at a local server that answers as Stability's Stable Image API
 * does (the image itself, {@code finish-reason: SUCCESS}); a generation from the page goes there, and the privacy
 * centre then names the vendor, why, what and what it keeps. Everything the operator changed is undone afterwards
 * (the factory configuration stays in etc/, unused once the feature is gone).
 */
class WebThirdPartiesTest extends BrowserTest {

    @Test
    void aVendorThatSawAPromptIsListedWithWhatItKeeps() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        byte[] png = png(512, 512);
        HttpServer stability = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stability.createContext("/v2beta/stable-image/generate/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.getResponseHeaders().add("finish-reason", "SUCCESS");
            exchange.getResponseHeaders().add("seed", "7");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        stability.start();
        try (Browser b = new Browser(platform.work.resolve("downloads-third-parties"), Screens.shots())) {
            b.driver.get(dist.base + "/#/signup");
            String email = "vendor-" + System.nanoTime() + "@example.org";
            Screens.signUpAndVerify(platform, b, email, false);
            try {
                // no image classifier is installed: vendors are left out unless the operator allows them
                dist.console("config:property-set -p org.aisora.core.moderation images.required false");
                dist.console("feature:install aisora-provider-stability");
                dist.console("config:edit --factory --alias web org.aisora.providers.stability;"
                        + " config:property-set base.url http://127.0.0.1:" + stability.getAddress().getPort() + ";"
                        + " config:property-set api.key sk-test; config:property-set training.agreement no-training;"
                        + " config:update");
                dist.console("aisora:route text-to-image stability builtin");
                String result = "";
                // the provider registers in the background: until then the built-in one answers
                for (int i = 0; i < 4 && calls.get() == 0; i++) {
                    Thread.sleep(2000);
                    Screens.fill(b, "text-to-image", "a lighthouse in the fog " + i, "512", "512", null);
                    b.click(By.id("generate-submit"));
                    result = b.await(By.cssSelector("#generate-output img, #generate-result .error"),
                            Duration.ofSeconds(60)).getTagName();
                    assertEquals("img", result, () -> b.driver.findElement(By.id("generate-result")).getText());
                }
                assertTrue(calls.get() > 0, "the generation went to the vendor");
            } finally {
                dist.console("aisora:route text-to-image");
                dist.console("feature:uninstall aisora-provider-stability");
                dist.console("config:property-set -p org.aisora.core.moderation images.required true");
            }

            // undone: the next generation is the built-in provider's again
            int sent = calls.get();
            Screens.fill(b, "text-to-image", "a lighthouse at noon", "512", "512", null);
            b.click(By.id("generate-submit"));
            b.await(By.cssSelector("#generate-output img"), Duration.ofSeconds(60));
            assertEquals(sent, calls.get(), "nothing more went to the vendor");

            b.nav("privacy");
            String row = b.await(By.xpath("//section[@aria-label='Third parties that saw your data']//tbody/tr"))
                    .getText();
            assertTrue(row.startsWith("Stability AI (provider)"), row);
            assertTrue(row.contains("async results deleted 24 h after generation"), row);
            List<String> heads = b.driver.findElements(By.xpath("//section[@aria-label='Third parties that saw your"
                    + " data']//th")).stream().map(e -> e.getText()).toList();
            assertEquals(List.of("Who", "Why", "What", "They keep it", "Last"), heads);
            b.driver.executeScript("arguments[0].scrollIntoView()",
                    b.driver.findElement(By.xpath("//section[@aria-label='Third parties that saw your data']")));
            b.screenshot("privacy-third-parties");
        } finally {
            stability.stop(0);
        }
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x / 2) << 16 | (y / 2) << 8 | 0x60);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
