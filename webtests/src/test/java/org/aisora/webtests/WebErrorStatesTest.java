package org.aisora.webtests;

import static org.aisora.webtests.Screens.assertRefusal;
import static org.aisora.webtests.Screens.fill;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every refusal the API can answer a generation with, met on the generate screen (or, for an unverified account,
 * on the screen it is sent to instead) in headless Chromium, each shown in words rather than a code. Submissions go
 * through the page only; the operator's side (a provider stopped, credits granted, a role) through the console.
 */
class WebErrorStatesTest extends BrowserTest {
    /** The built-in offline renderer, the only provider the distribution has. */
    private static final String BUILTIN = "org.aisora.providers.builtin";

    @Test
    void theGenerateScreenShowsEachRefusalOfTheApiInWords() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-errors"), Screens.shots())) {
            b.driver.get(dist.base + "/#/signup");
            String email = "errors-" + System.nanoTime() + "@example.org";
            Screens.signUpAndVerify(platform, b, email, false);
            b.screenshot("generate-empty");

            assertRefusal(b, "text-to-image", "a fox", "4000", "256", null, "That size is not allowed");
            assertRefusal(b, "text-to-image", "", "256", "256", null, "Please write a prompt");
            assertRefusal(b, "upscale", null, "512", "512", null, "Choose an uploaded image first");
            assertRefusal(b, "text-to-video", "a paper boat", "320", "240", "60", "longer than your plan allows");
            assertRefusal(b, "text-to-image", "gore everywhere", "256", "256", null, "refused by our content rules");
            b.screenshot("generate-refused");
            assertRefusal(b, "text-to-image", "a fox", "2048", "2048", null, "You do not have enough credits");

            b.nav("privacy");
            togglePreference(b, "Restrict processing");
            b.nav("generate");
            assertRefusal(b, "text-to-image", "a fox", "256", "256", null, "You restricted processing");
            b.nav("privacy");
            togglePreference(b, "Restrict processing");
            b.nav("generate");

            // the plan allows 5 submissions a minute here: the limit comes with its retry time
            String last = "";
            for (int i = 0; i < 8 && !last.contains("going too fast"); i++) {
                fill(b, "text-to-image", "a small fox " + i, "64", "64", null);
                b.click(By.id("generate-submit"));
                last = b.await(By.cssSelector("#generate-result .notice, #generate-result .error"),
                        Duration.ofSeconds(60)).getText();
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

    /**
     * The API refuses an unverified account's generations ({@code email_unverified}, 403); the web app never offers
     * it the generate screen but sends it to the verify screen and says why, and explains a wrong code and a
     * second code asked for too soon.
     */
    @Test
    void anUnverifiedAccountIsSentToVerifyItsEmailWithTheReasonInWords() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-unverified"), Screens.shots())) {
            b.driver.get(dist.base + "/#/signup");
            String email = "unverified-" + System.nanoTime() + "@example.org";
            Screens.signUp(b, email, false);

            // back later: signed in again, it asks for the generate screen
            b.click(By.id("signout"));
            b.await(By.id("signin-submit"));
            Screens.signIn(b, email, Screens.PASSWORD);
            String reason = b.await(By.cssSelector("#verify-result .notice")).getText();
            assertEquals("Verify your e-mail address first: enter the code we mailed you.", reason);
            assertEquals("Verify your e-mail", b.driver.findElement(By.tagName("h1")).getText());
            assertTrue(b.driver.findElements(By.id("generate-submit")).isEmpty(), "the generate form is not shown");
            b.driver.get(dist.base + "/#/gallery");
            b.driver.navigate().refresh();
            assertEquals(reason, b.await(By.cssSelector("#verify-result .notice")).getText());
            b.screenshot("generate-unverified");

            b.type(By.name("code"), "000000x");
            b.click(By.id("verify-submit"));
            assertEquals("That code is wrong or has expired.",
                    b.await(By.cssSelector("#verify-result .error")).getText());
            b.click(By.xpath("//button[.='Send a new code']"));
            String tooSoon = b.await(By.cssSelector("#verify-result .error")).getText();
            assertTrue(tooSoon.matches("A code was sent a moment ago; wait a little before asking for another\\."
                    + " Try again in \\d+ seconds?\\."), tooSoon);

            b.type(By.name("code"), platform.mailed(email, Screens.VERIFICATION, 0));
            b.click(By.id("verify-submit"));
            b.await(By.id("generate-submit"));
        }
    }

    /**
     * The plan here allows two queued or running jobs: a third, sent while two long videos are being made, is
     * refused ({@code too_many_concurrent_jobs}, 429) with the time to wait.
     */
    @Test
    void aThirdJobWhileTwoAreRunningIsRefusedInWords() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-busy"), Screens.shots())) {
            b.driver.get(dist.base + "/#/signup");
            String email = "busy-" + System.nanoTime() + "@example.org";
            Screens.signUpAndVerify(platform, b, email, false);
            // long videos cost more than the sign-up grant: the operator grants some
            dist.console("aisora:credits-grant " + email + " 2000");

            String last = "";
            for (int i = 0; i < 5 && !last.contains("as many generations running"); i++) {
                // a new screen each time: the previous one keeps following its job, the button is free again
                b.nav("gallery");
                b.nav("generate");
                fill(b, "text-to-video", "a long slow river " + i, "1024", "1024", "10");
                b.click(By.id("generate-submit"));
                last = b.await(By.cssSelector("#generate-status, #generate-result .error")).getText();
            }
            assertTrue(last.matches("You already have as many generations running as your plan allows\\. Wait for"
                    + " one to finish\\. Try again in \\d+ seconds?\\."), last);
            b.screenshot("generate-busy");
        }
    }

    /**
     * With no provider installed for a kind (the operator stopped the built-in one at the console) a job has
     * nothing to run on and ends {@code no_provider}; the screen says so in words. The provider is started again
     * afterwards, and a generation then succeeds.
     */
    @Test
    void aJobWithNoProviderToRunOnIsExplainedInWords() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-unavailable"), Screens.shots())) {
            b.driver.get(dist.base + "/#/signup");
            String email = "unavailable-" + System.nanoTime() + "@example.org";
            Screens.signUpAndVerify(platform, b, email, false);
            dist.console("bundle:stop " + BUILTIN);
            try {
                assertRefusal(b, "text-to-image", "a lighthouse at dusk", "256", "256", null,
                        "No generator can do this right now.");
                b.screenshot("generate-unavailable");
            } finally {
                dist.console("bundle:start " + BUILTIN);
            }
            Thread.sleep(2000);
            fill(b, "text-to-image", "a lighthouse at dawn", "256", "256", null);
            b.click(By.id("generate-submit"));
            b.await(By.cssSelector("#generate-output img"), Duration.ofSeconds(90));
        }
    }

    private static void togglePreference(Browser b, String label) {
        b.click(By.xpath("//label[contains(., '" + label + "')]/input"));
        b.click(By.xpath("//button[.='Save preferences']"));
        b.await(By.xpath("//*[contains(@class,'notice') and contains(., 'Preferences saved')]"));
    }
}
