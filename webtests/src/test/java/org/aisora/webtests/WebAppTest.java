package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The web app in headless Chromium against the real distribution, through the UI only: the user's journey from
 * sign-up to account deletion (saving each screen, desktop and 360 px, into docs/screenshots), and every error the
 * generate screen can meet, each shown in words. Skipped when Chromium or its driver is missing.
 */
@ExtendWith({Browser.Required.class, Platform.Extension.class})
class WebAppTest {
    private static final Pattern VERIFICATION = Pattern.compile("Your verification code: (\\S+)");
    private static final String PASSWORD = "a long password for tests";
    private static Platform platform;
    private static Distribution dist;
    private static Path work;

    @BeforeAll
    static void start(Platform shared) {
        platform = shared;
        dist = shared.dist;
        work = shared.work;
    }

    @Test
    void aUserGoesFromSignUpToAccountDeletionThroughTheUiOnly() throws Exception {
        Path shots = Path.of(System.getProperty("aisora.screenshots", "target/screenshots"));
        try (Browser b = new Browser(work.resolve("downloads-journey"), shots)) {
            String email = "journey-" + System.nanoTime() + "@example.org";
            b.driver.get(dist.base + "/");
            b.await(By.id("signin-submit"));
            b.screenshot("signin");
            signUpAndVerify(b, email, true);

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
            Path png = work.resolve("upload.png");
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
            fill(b, "text-to-video", "a paper boat on a pond", "320", "240", "2");
            b.click(By.id("generate-submit"));
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
            b.type(By.name("deletePassword"), PASSWORD);
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

    @Test
    void theGenerateScreenShowsEachRefusalOfTheApiInWords() throws Exception {
        Path shots = Path.of(System.getProperty("aisora.screenshots", "target/screenshots"));
        try (Browser b = new Browser(work.resolve("downloads-errors"), shots)) {
            b.driver.get(dist.base + "/#/signup");
            String email = "errors-" + System.nanoTime() + "@example.org";
            signUpAndVerify(b, email, false);
            b.screenshot("generate-empty");

            assertRefusal(b, "text-to-image", "a fox", "4000", "256", null, "That size is not allowed");
            assertRefusal(b, "text-to-image", "", "256", "256", null, "Please write a prompt");
            assertRefusal(b, "upscale", null, "512", "512", null, "Choose an uploaded image first");
            assertRefusal(b, "text-to-video", "a paper boat", "320", "240", "60", "longer than your plan allows");
            assertRefusal(b, "text-to-image", "gore everywhere", "256", "256", null, "refused by our content rules");
            b.screenshot("generate-refused");
            assertRefusal(b, "text-to-image", "a fox", "2048", "2048", null, "You do not have enough credits");

            b.nav("privacy");
            b.click(By.xpath("//label[contains(., 'Restrict processing')]/input"));
            b.click(By.xpath("//button[.='Save preferences']"));
            b.await(By.xpath("//*[contains(@class,'notice') and contains(., 'Preferences saved')]"));
            b.nav("generate");
            assertRefusal(b, "text-to-image", "a fox", "256", "256", null, "You restricted processing");
            b.nav("privacy");
            b.click(By.xpath("//label[contains(., 'Restrict processing')]/input"));
            b.click(By.xpath("//button[.='Save preferences']"));
            b.await(By.xpath("//*[contains(@class,'notice') and contains(., 'Preferences saved')]"));
            b.nav("generate");

            // the plan allows 5 submissions a minute here: the limit comes with its retry time
            String last = "";
            for (int i = 0; i < 8 && !last.contains("going too fast"); i++) {
                fill(b, "text-to-image", "a small fox " + i, "64", "64", null);
                b.click(By.id("generate-submit"));
                last = b.await(By.cssSelector("#generate-result .notice, #generate-result .error"), Duration.ofSeconds(60)).getText();
            }
            assertTrue(last.matches("(?s)You are going too fast\\. Try again in \\d+ seconds?\\..*"), last);
            b.screenshot("generate-limited");

            // the admin page, read-only, for an account the operator made admin at the console
            dist.console("aisora:user-role " + email + " admin");
            b.driver.navigate().refresh();
            b.nav("admin");
            b.await(By.xpath("//h2[.='Plugins']"));
            assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("builtin"));
            b.screenshot("admin");
        }
    }

    private static void assertRefusal(Browser b, String type, String prompt, String width, String height, String seconds,
            String words) {
        fill(b, type, prompt, width, height, seconds);
        b.click(By.id("generate-submit"));
        String text = b.await(By.cssSelector("#generate-result .error"), Duration.ofSeconds(60)).getText();
        assertTrue(text.contains(words), type + ": " + text);
    }

    private static void fill(Browser b, String type, String prompt, String width, String height, String seconds) {
        b.set(By.name("type"), type);
        if (prompt != null) {
            b.type(By.name("prompt"), prompt);
        }
        b.type(By.name("width"), width);
        b.type(By.name("height"), height);
        if (seconds != null) {
            b.type(By.name("durationSeconds"), seconds);
        }
    }

    private static void signUpAndVerify(Browser b, String email, boolean screenshots) throws Exception {
        if (b.driver.findElements(By.id("signup-submit")).isEmpty()) {
            b.click(By.cssSelector("a[href='#/signup']"));
        }
        b.type(By.name("name"), "Ada Lovelace");
        b.type(By.name("email"), email);
        b.type(By.name("password"), PASSWORD);
        b.set(By.name("birthDate"), "1990-05-01");
        b.click(By.name("accept"));
        if (screenshots) {
            b.screenshot("signup");
        }
        b.click(By.id("signup-submit"));
        b.await(By.id("verify-submit"));
        if (screenshots) {
            b.screenshot("verify");
        }
        b.type(By.name("code"), code(email));
        b.click(By.id("verify-submit"));
        b.await(By.id("generate-submit"));
    }

    private static String code(String email) throws Exception {
        return platform.mailed(email, VERIFICATION, 0);
    }
}
