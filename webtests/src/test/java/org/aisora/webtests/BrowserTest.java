package org.aisora.webtests;

import org.junit.jupiter.api.extension.ExtendWith;

/** A test class that drives the web app in Chromium; skipped, saying why, when Chromium or its driver is missing. */
@ExtendWith(Browser.Required.class)
abstract class BrowserTest extends DistributionTest {
}
