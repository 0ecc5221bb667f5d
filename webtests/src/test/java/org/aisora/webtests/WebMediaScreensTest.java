package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's media screens no other test drives, in headless Chromium through the UI only: an image dropped on
 * the upload screen (a real {@code dragover}/{@code drop} carrying a File), the upload refusals in words, an image
 * changed with a prompt and made into a video, an item deleted from the gallery, and the admin page's routing order
 * and stats. Each test has its own account; the operator's part (credits, a role, a route) is done at the console.
 */
class WebMediaScreensTest extends BrowserTest {
    /** A code of the API's shape (snake_case), which the screens must never show instead of words. */
    private static final Pattern CODE = Pattern.compile("\\b[a-z]+(_[a-z]+)+\\b");

    /**
     * A PNG dropped on the drop zone is uploaded; the result offers to change it with a prompt (image-to-image) and,
     * on the generate screen, the same upload chosen as the input makes a short video (image-to-video).
     */
    @Test
    void anImageDroppedOnTheUploadScreenIsChangedWithAPromptAndMadeIntoAVideo() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-media-drop"), Screens.shots())) {
            String email = signedUp(b, "media-");
            // two generations, one a video: more than the sign-up grant may cover
            dist.console("aisora:credits-grant " + email + " 500");
            b.nav("upload");
            assertTrue(drop(b, png(96, 64), "dropped.png", "image/png"), "dragover is accepted (default prevented)");
            String notice = b.await(By.cssSelector("#upload-result .notice"), Duration.ofSeconds(60)).getText();
            assertTrue(notice.matches("Uploaded \\(image, deleted in [67] days\\)\\."), notice);
            assertEquals(List.of("Upscale it", "Change it with a prompt", "Make a video of it", "Open the gallery"),
                    b.driver.findElements(By.cssSelector("#upload-result a.button")).stream().map(e -> e.getText())
                            .toList());
            b.screenshot("upload-dropped");

            // image-to-image, from the upload screen's button
            b.click(By.id("upload-image-to-image"));
            b.await(By.cssSelector("select[name='type']"));
            assertEquals("image-to-image", b.driver.findElement(By.name("type")).getAttribute("value"));
            Select input = new Select(b.driver.findElement(By.name("inputMediaId")));
            String chosen = input.getFirstSelectedOption().getText();
            assertTrue(chosen.startsWith("Upload 96×64"), chosen);
            b.type(By.name("prompt"), "the same picture in autumn colours");
            submitPaced(b);
            awaitOutput(b, "img");
            b.screenshot("generate-image-to-image");

            // image-to-video, from the generate screen's kind select with the same upload as its input
            Screens.fill(b, "image-to-video", "the picture slowly drifting", "320", "240", "2");
            assertEquals(chosen, input.getFirstSelectedOption().getText());
            assertTrue(b.driver.findElement(By.name("inputMediaId")).isDisplayed(), "the input image is offered");
            submitPaced(b);
            awaitOutput(b, "video");
        }
    }

    /**
     * Files the platform refuses, picked with the file input: text named .png ({@code unsupported_media_type}), a
     * PNG named .jpg ({@code content_type_mismatch}) and a truncated PNG ({@code malformed_media}), each explained
     * in the words of errors.js, never with the API's code or message.
     */
    @Test
    void refusedUploadsAreExplainedInWords() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-media-refused"), Screens.shots())) {
            signedUp(b, "media-");
            Path dir = Files.createDirectories(platform.work.resolve("media-refused"));
            byte[] png = png(96, 64);

            Path text = Files.writeString(dir.resolve("notes.png"), "these are my notes, not a picture\n",
                    StandardCharsets.UTF_8);
            assertUploadRefused(b, text, "That kind of file is not supported: upload a PNG, JPEG, GIF or WebP"
                    + " image, or an MP4, MOV or WebM video.");

            Path named = Files.write(dir.resolve("really-a-png.jpg"), png);
            assertUploadRefused(b, named, "The file is not what its name says (its content does not match its type).");

            // signature and header intact, the image data cut off
            Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, 40));
            assertUploadRefused(b, cut, "The file is damaged and cannot be read.");
            b.screenshot("upload-refused");
        }
    }

    /** An upload deleted from the gallery (after the confirm dialog) is said to be deleted and stays gone. */
    @Test
    void anItemDeletedFromTheGalleryIsGoneAfterAReload() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-media-delete"), Screens.shots())) {
            signedUp(b, "media-");
            Path dir = Files.createDirectories(platform.work.resolve("media-delete"));
            for (int i = 0; i < 2; i++) {
                b.nav("upload");
                Path file = Files.write(dir.resolve("keep-or-delete-" + i + ".png"), png(80 + 16 * i, 48));
                b.driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
                b.await(By.cssSelector("#upload-result .notice"), Duration.ofSeconds(60));
                b.nav("gallery");
            }
            new WebDriverWait(b.driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#gallery li"), 2));
            String id = b.driver.findElement(By.cssSelector("#gallery li")).getAttribute("data-id");
            b.click(By.cssSelector("#gallery li[data-id='" + id + "'] button.danger"));
            new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
            assertEquals("Delete this item for good?", b.driver.switchTo().alert().getText());
            b.driver.switchTo().alert().accept();
            assertEquals("Deleted.", b.await(By.cssSelector("main .notice")).getText());
            assertTrue(b.driver.findElements(By.cssSelector("#gallery li[data-id='" + id + "']")).isEmpty());

            b.driver.navigate().refresh();
            b.await(By.cssSelector("#gallery li"));
            List<String> left = b.driver.findElements(By.cssSelector("#gallery li")).stream()
                    .map(e -> e.getAttribute("data-id")).toList();
            assertEquals(1, left.size(), left::toString);
            assertFalse(left.contains(id), "the deleted item is gone after a reload");
        }
    }

    /**
     * The admin page (for an account the operator made admin) shows the routing order the operator set at the
     * console, the built-in provider first for upscaling, and the stats with their period.
     */
    @Test
    void theAdminPageShowsTheRoutingOrderAndTheStats() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-media-admin"), Screens.shots())) {
            String email = signedUp(b, "media-admin-");
            dist.console("aisora:user-role " + email + " admin");
            dist.console("aisora:route upscale builtin");
            try {
                b.driver.navigate().refresh();
                b.nav("admin");
                b.await(By.xpath("//h2[.='Routing order']"));
                String routing = b.driver.findElement(By.xpath("//h2[.='Routing order']/following-sibling::*[1]"))
                        .getText();
                assertTrue(routing.startsWith("Type Providers, first tried first"), routing);
                assertTrue(routing.contains("upscale builtin"), routing);

                String today = LocalDate.now(ZoneOffset.UTC).toString();
                String period = b.driver.findElement(By.xpath("//h2[.='Stats']/following-sibling::p[1]")).getText();
                assertTrue(period.matches("\\d{4}-\\d{2}-\\d{2} to " + today + "; groups of fewer than \\d+ users are"
                        + " left out( \\(\\d+ left out\\))?\\."), period);
                String usage = b.driver.findElement(By.xpath("//h2[.='Stats']/following-sibling::*[2]")).getText();
                // this account's own uploads and generations are too few users for a group of their own
                assertTrue(usage.startsWith("day feature type provider") || (period.contains(" left out)")
                        ? usage.equals("Every group is too small to show yet.") : usage.equals("No usage to show yet.")),
                        usage);
                b.driver.executeScript("arguments[0].scrollIntoView()",
                        b.driver.findElement(By.xpath("//h2[.='Routing order']")));
                b.screenshot("admin-routing-stats");
            } finally {
                dist.console("aisora:route upscale");
            }
            b.driver.navigate().refresh();
            b.await(By.xpath("//h2[.='Stats']"));
            String after = b.driver.findElement(By.xpath("//h2[.='Routing order']/following-sibling::*[1]")).getText();
            assertFalse(after.contains("upscale builtin"), after);
        }
    }

    /** Signs a new account up from the sign-up screen and answers its e-mail; ends on the generate screen. */
    private static String signedUp(Browser b, String prefix) throws Exception {
        b.driver.get(dist.base + "/#/signup");
        String email = prefix + System.nanoTime() + "@example.org";
        Screens.signUpAndVerify(platform, b, email, false);
        return email;
    }

    /** Picks the file with the upload screen's file input and expects exactly {@code words}, and no code. */
    private static void assertUploadRefused(Browser b, Path file, String words) {
        b.nav("gallery");
        b.nav("upload");
        b.driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        String shown = b.await(By.cssSelector("#upload-result .error, #upload-result .notice"),
                Duration.ofSeconds(60)).getText();
        assertEquals(words, shown, file.getFileName().toString());
        String all = b.driver.findElement(By.id("main")).getText();
        assertFalse(CODE.matcher(all).find(), "no raw code on the screen: " + all);
    }

    /**
     * Dispatches dragenter, dragover and drop on the drop zone with a DataTransfer holding a File made in the page
     * from {@code bytes}, as a file dragged from the desktop arrives; answers whether dragover was accepted.
     */
    private static boolean drop(Browser b, byte[] bytes, String name, String type) {
        Object accepted = b.driver.executeScript("const [data, name, type] = arguments;"
                + "const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));"
                + "const transfer = new DataTransfer();"
                + "transfer.items.add(new File([bytes], name, { type }));"
                + "const zone = document.getElementById('drop');"
                + "const init = { bubbles: true, cancelable: true, dataTransfer: transfer };"
                + "zone.dispatchEvent(new DragEvent('dragenter', init));"
                + "const over = new DragEvent('dragover', init);"
                + "zone.dispatchEvent(over);"
                + "const highlighted = zone.classList.contains('over');"
                + "zone.dispatchEvent(new DragEvent('drop', init));"
                + "return over.defaultPrevented && highlighted && !zone.classList.contains('over');",
                Base64.getEncoder().encodeToString(bytes), name, type);
        return Boolean.TRUE.equals(accepted);
    }

    /** Submits the generate form; when the plan's rate limit is met, waits the time it states and submits again. */
    private static void submitPaced(Browser b) throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            b.click(By.id("generate-submit"));
            String shown = b.await(By.cssSelector("#generate-status, #generate-result .error"),
                    Duration.ofSeconds(60)).getText();
            var wait = Pattern.compile("You are going too fast\\. Try again in (\\d+) seconds?\\.").matcher(shown);
            if (!wait.find()) {
                return;
            }
            Thread.sleep((Long.parseLong(wait.group(1)) + 1) * 1000);
        }
    }

    /** Waits for the generation's output ({@code img} or {@code video}); an error shown instead fails, quoted. */
    private static void awaitOutput(Browser b, String tag) {
        String found = b.await(By.cssSelector("#generate-output " + tag + ", #generate-result .error"),
                Duration.ofSeconds(120)).getTagName();
        assertEquals(tag, found, () -> b.driver.findElement(By.id("generate-result")).getText());
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | 0x90);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
