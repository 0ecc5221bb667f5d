package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * The moves the web app's browser tests share, each through the screens as a person would make it: sign up (and
 * verify with the code the mailbox received), fill the generate form, and expect a refusal shown in words.
 */
final class Screens {
    /** The code line of both the sign-up mail and the e-mail change mail. */
    static final Pattern VERIFICATION = Pattern.compile("Your verification code: (\\S+)");
    static final String PASSWORD = "a long password for tests";

    private Screens() {
    }

    /** Where screenshots go: docs/screenshots when the build says so, else the module's target folder. */
    static Path shots() {
        return Path.of(System.getProperty("aisora.screenshots", "target/screenshots"));
    }

    /** Fills the sign-up form and sends it; ends on the verify screen (unverified). */
    static void signUp(Browser b, String email, boolean screenshots) throws Exception {
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
    }

    /** Signs up, enters the mailed code and ends on the generate screen. */
    static void signUpAndVerify(Platform platform, Browser b, String email, boolean screenshots) throws Exception {
        signUp(b, email, screenshots);
        b.type(By.name("code"), platform.mailed(email, VERIFICATION, 0));
        b.click(By.id("verify-submit"));
        b.await(By.id("generate-submit"));
    }

    /** Signs in from the sign-in screen (the browser must be on it). */
    static void signIn(Browser b, String email, String password) {
        b.type(By.name("email"), email);
        b.type(By.name("password"), password);
        b.click(By.id("signin-submit"));
    }

    static void fill(Browser b, String type, String prompt, String width, String height, String seconds) {
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

    /** Fills and submits the generate form, and answers the error it shows, which must contain {@code words}. */
    static String assertRefusal(Browser b, String type, String prompt, String width, String height, String seconds,
            String words) {
        fill(b, type, prompt, width, height, seconds);
        b.click(By.id("generate-submit"));
        String text = b.await(By.cssSelector("#generate-result .error"), Duration.ofSeconds(60)).getText();
        assertTrue(text.contains(words), type + ": " + text);
        return text;
    }
}
