package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The web app in headless Chromium against the real distribution, through the UI only: the user's journey from
 * sign-up to account deletion, saving each screen (desktop and 360 px) into docs/screenshots. The errors the screens
 * show are in {@link WebErrorStatesTest}, the privacy centre's forms in {@link WebPrivacyCentreTest}. Skipped when
 * Chromium or its driver is missing.
 */
class WebAppTest extends BrowserTest {
    @Test
    void aUserGoesFromSignUpToAccountDeletionThroughTheUiOnly() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-journey"), Screens.shots())) {
            String email = "journey-" + System.nanoTime() + "@example.org";
            b.driver.get(dist.base + "/");
            b.await(By.id("signin-submit"));
            b.screenshot("signin");
            Screens.signUpAndVerify(platform, b, email, true);

            // generate an image and wait for it
            b.type(By.name("prompt"), "a red fox in the snow");
            b.screenshot("generate");
            b.click(By.id("generate-submit"));
            b.await(By.cssSelector("#generate-output img"), Duration.ofSeconds(90));
            b.screenshot("generate-done");

            // the gallery shows it with its expiry; download it
            b.nav("gallery");
            String expiry = b.await(By.cssSelector("#gallery li .expiry")).getText();
            assertTrue(expiry.matches("deleted in [67] days"), expiry);
            b.await(By.cssSelector("#gallery li img[src^='blob:']"));
            b.screenshot("gallery");
            b.click(By.cssSelector("#gallery li button.download"));
            Path image = b.downloaded(".png");
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(image), 4));

            // upload a PNG and upscale it
            Path png = platform.work.resolve("upload.png");
            BufferedImage picture = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 96; x++) {
                for (int y = 0; y < 64; y++) {
                    picture.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | 0x80);
                }
            }
            ImageIO.write(picture, "png", png.toFile());
            b.nav("upload");
            b.screenshot("upload");
            b.driver.findElement(By.id("upload-file")).sendKeys(png.toAbsolutePath().toString());
            b.await(By.cssSelector("#upload-result .notice, #upload-result .error"));
            assertEquals(java.util.List.of(), b.driver.findElements(By.cssSelector("#upload-result .error")).stream()
                    .map(e -> e.getText()).toList());
            b.click(By.id("upload-upscale"));
            b.await(By.cssSelector("select[name='type']"));
            assertEquals("upscale", b.driver.findElement(By.name("type")).getAttribute("value"));
            b.type(By.name("width"), "192");
            b.type(By.name("height"), "128");
            b.click(By.id("generate-submit"));
            b.await(By.cssSelector("#generate-output img"), Duration.ofSeconds(90));

            // a short video, played in the gallery
            Screens.fill(b, "text-to-video", "a paper boat on a pond", "320", "240", "2");
            b.click(By.id("generate-submit"));
            // progress while it waits and runs: the state in words and a progress bar
            String state = b.await(By.id("generate-status")).getText();
            assertTrue(state.equals("Waiting in the queue\u2026") || state.equals("Generating\u2026"), state);
            b.await(By.cssSelector("#generate-result progress"));
            b.await(By.cssSelector("#generate-output video"), Duration.ofSeconds(120));
            b.nav("gallery");
            b.click(By.xpath("//ul[@id='gallery']/li[button[.='Play']]/button[.='Play']"));
            b.await(By.cssSelector("#gallery video[src^='blob:']"));
            b.screenshot("gallery-video");

            // credits: balance, history, the manual flow's message
            b.nav("credits");
            assertTrue(b.await(By.id("balance")).getText().matches("\\d+ credits.*"));
            b.click(By.cssSelector("#buy button"));
            assertTrue(b.await(By.cssSelector("main .notice")).getText().contains("administrator"));
            b.screenshot("credits");

            // privacy centre: export
            b.nav("privacy");
            b.await(By.id("export"));
            b.screenshot("privacy");
            b.click(By.id("export"));
            Path zip = b.downloaded(".zip");
            assertArrayEquals(new byte[] {'P', 'K'}, Arrays.copyOf(Files.readAllBytes(zip), 2));

            // delete the account and read the receipt
            b.type(By.name("deletePassword"), Screens.PASSWORD);
            b.click(By.id("delete-account"));
            b.driver.switchTo().alert().accept();
            String receipt = b.await(By.id("receipt"), Duration.ofSeconds(60)).getText();
            assertTrue(receipt.contains("What was erased"), receipt);
            b.screenshot("deleted");
            String link = b.driver.findElement(By.id("receipt-link")).getAttribute("href");
            b.driver.get(link);
            assertTrue(b.driver.findElement(By.tagName("body")).getText().contains("\"hash\""));
        }
    }
}
