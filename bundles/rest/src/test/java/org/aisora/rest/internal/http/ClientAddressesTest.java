package org.aisora.rest.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private static String client(ClientAddresses a, String peer, String... xff) {
        return a.client(peer, Collections.enumeration(List.of(xff)));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses none = ClientAddresses.trusting(new String[0]);
        assertEquals("198.51.100.7", client(none, "198.51.100.7", "203.0.113.9"));
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        ClientAddresses a = ClientAddresses.trusting(new String[] {"10.0.0.0/8"});
        assertEquals("198.51.100.7", client(a, "198.51.100.7", "203.0.113.9"));
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        ClientAddresses a = ClientAddresses.trusting(new String[] {"10.0.0.0/8, 192.0.2.1"});
        // the client forged the first entry; the proxies appended the real one and themselves
        assertEquals("203.0.113.9", client(a, "10.1.2.3", "6.6.6.6, 203.0.113.9, 192.0.2.1"));
        assertEquals("203.0.113.9", client(a, "10.1.2.3", "6.6.6.6", "203.0.113.9"));
    }

    @Test
    void aMalformedHopStopsTheWalkAtTheLastBelievableAddress() {
        ClientAddresses a = ClientAddresses.trusting(new String[] {"127.0.0.1"});
        assertEquals("127.0.0.1", client(a, "127.0.0.1", "evil.example.org"));
        assertEquals("203.0.113.9", client(a, "127.0.0.1", "garbage, 203.0.113.9"));
        assertEquals("127.0.0.1", client(a, "127.0.0.1", "999.1.1.1"));
    }

    @Test
    void ipv6RangesWork() {
        ClientAddresses a = ClientAddresses.trusting(new String[] {"::1", "fd00::/8"});
        assertEquals("2001:db8::5", client(a, "fd12::1", "2001:db8::5"));
        assertEquals("[2001:db8::5]", client(a, "0:0:0:0:0:0:0:1", "[2001:db8::5]"), "a bracketed hop is believed as sent");
    }

    @Test
    void badEntriesAreRefusedWhole() {
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting(new String[] {"proxy.local"}));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting(new String[] {"10.0.0.0/33"}));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting(new String[] {"10.0.0.0/x"}));
    }
}
