package org.aisora.support.vendorhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {
    @Test
    void exactHostsAndSubdomainWildcards() {
        List<String> problems = new ArrayList<>();
        HostAllowList hosts = HostAllowList.parse(" dnznrvs05pmza.cloudfront.net , *.runwayml.com", problems);
        assertTrue(problems.isEmpty(), problems.toString());
        assertTrue(hosts.allows("dnznrvs05pmza.cloudfront.net"));
        assertTrue(hosts.allows("DNZNRVS05PMZA.cloudfront.net"));
        assertTrue(hosts.allows("cdn.runwayml.com"));
        assertTrue(hosts.allows("a.b.runwayml.com"));
        assertFalse(hosts.allows("runwayml.com"), "*.domain means subdomains");
        assertFalse(hosts.allows("evilrunwayml.com"));
        assertFalse(hosts.allows("runwayml.com.evil.example"));
        assertFalse(hosts.allows("other.cloudfront.net"));
        assertFalse(hosts.allows("127.0.0.1"));
        assertFalse(hosts.allows(null));
    }

    @Test
    void overBroadOrMalformedEntriesAreProblems() {
        List<String> problems = new ArrayList<>();
        HostAllowList hosts = HostAllowList.parse("*,*.com,exa mple.com,http://x.com", problems);
        assertEquals(5, problems.size(), problems.toString());
        assertFalse(hosts.allows("anything.com"));
    }
}
