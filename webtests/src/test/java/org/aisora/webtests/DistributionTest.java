package org.aisora.webtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class against the one shared distribution and its mailbox ({@link Platform}, started on first use). */
@ExtendWith(Platform.Extension.class)
abstract class DistributionTest {
    static Platform platform;
    static Distribution dist;

    @BeforeAll
    static void shareThePlatform(Platform shared) {
        platform = shared;
        dist = shared.dist;
    }
}
