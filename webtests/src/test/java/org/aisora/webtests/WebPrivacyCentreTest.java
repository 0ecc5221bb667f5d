package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The privacy centre's forms in headless Chromium, through the UI only: the profile's name, an e-mail change
 * confirmed with the code mailed to the new address, the analytics opt-out kept across a reload, the third parties
 * section, and signing out then in again under the new address.
 */
class WebPrivacyCentreTest extends BrowserTest {

    @Test
    void aUserCorrectsTheProfileChangesTheEmailAndSignsInUnderIt() throws Exception {
        try (Browser b = new Browser(platform.work.resolve("downloads-privacy"), Screens.shots())) {
            b.driver.get(dist.base + "/#/signup");
            String old = "privacy-" + System.nanoTime() + "@example.org";
            String changed = "moved-" + System.nanoTime() + "@example.org";
            Screens.signUpAndVerify(platform, b, old, false);
            b.nav("privacy");

            // the name alone needs no password
            b.type(By.name("name"), "Ada King");
            b.click(By.xpath("//button[.='Save']"));
            assertEquals("Saved.", notice(b, "Profile"));

            // a new e-mail with a wrong password is refused in words, then asked for with the right one
            b.type(By.name("email"), changed);
            b.type(By.name("currentPassword"), "not the password at all");
            b.click(By.xpath("//button[.='Save']"));
            assertEquals("That password is wrong.", b.await(By.xpath(section("Profile") + "//*[@class='error']"))
                    .getText());
            b.type(By.name("currentPassword"), Screens.PASSWORD);
            b.click(By.xpath("//button[.='Save']"));
            assertEquals("Saved. Enter the code we sent to the new address.", notice(b, "Profile"));
            assertEquals("Waiting for confirmation of " + changed + ".",
                    b.await(By.xpath("//p[starts-with(., 'Waiting for confirmation')]")).getText());
            b.screenshot("privacy-email-change");

            b.type(By.name("code"), platform.mailed(changed, Screens.VERIFICATION, 0));
            b.click(By.xpath("//button[.='Confirm the new e-mail']"));
            b.await(By.xpath("//*[@class='notice' and .='Your e-mail address is changed to " + changed + ".']"));

            // the opt-out is saved: a reload shows it ticked
            WebElement optOut = b.await(By.xpath("//label[contains(., 'Opt out of analytics')]/input"));
            assertFalse(optOut.isSelected(), "not opted out at sign-up");
            b.click(By.xpath("//label[contains(., 'Opt out of analytics')]/input"));
            b.click(By.xpath("//button[.='Save preferences']"));
            assertEquals("Preferences saved.", notice(b, "Preferences"));
            b.driver.navigate().refresh();
            assertTrue(b.await(By.xpath("//label[contains(., 'Opt out of analytics')]/input")).isSelected(),
                    "the opt-out survives a reload");
            assertEquals("Ada King", b.await(By.name("name")).getAttribute("value"));
            assertEquals(changed, b.driver.findElement(By.name("email")).getAttribute("value"));

            // the built-in renderer and the rule-based moderation run here: no vendor saw anything
            assertEquals("None so far: everything was done on this platform.",
                    b.await(By.xpath(section("Third parties that saw your data") + "/p")).getText());
            b.driver.executeScript("arguments[0].scrollIntoView()",
                    b.driver.findElement(By.xpath(section("Preferences"))));
            b.screenshot("privacy-saved");

            // signed out, the old address no longer signs in; the new one does
            b.click(By.id("signout"));
            b.await(By.id("signin-submit"));
            Screens.signIn(b, old, Screens.PASSWORD);
            assertEquals("That e-mail and password do not match an account.",
                    b.await(By.cssSelector("main .error")).getText());
            Screens.signIn(b, changed, Screens.PASSWORD);
            b.await(By.id("generate-submit"), Duration.ofSeconds(30));
            b.nav("privacy");
            assertEquals(changed, b.await(By.name("email")).getAttribute("value"));
        }
    }

    private static String section(String title) {
        return "//section[@aria-label='" + title + "']";
    }

    private static String notice(Browser b, String section) {
        return b.await(By.xpath(section(section) + "//*[@class='notice']")).getText();
    }
}
