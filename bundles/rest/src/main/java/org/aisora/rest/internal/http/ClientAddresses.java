package org.aisora.rest.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who the client is: the peer's address, unless the peer is a configured trusted proxy, in which case
 * {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the first address not
 * trusted is the client. A client cannot choose its address by sending the header itself: from an
 * untrusted peer the header is ignored, and only the hops a trusted proxy appended are believed.
 */
final class ClientAddresses {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> trusted;

    private ClientAddresses(List<Range> trusted) {
        this.trusted = trusted;
    }

    /**
     * @param entries IP addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}); commas also separate
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    static ClientAddresses trusting(String[] entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String part : entry == null ? new String[0] : entry.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    ranges.add(range(p));
                }
            }
        }
        return new ClientAddresses(List.copyOf(ranges));
    }

    boolean trustsAny() {
        return !trusted.isEmpty();
    }

    /** The client's address for a request from {@code peer} carrying these X-Forwarded-For headers. */
    String client(String peer, Enumeration<String> forwardedFor) {
        if (peer == null || trusted.isEmpty() || !isTrusted(peer) || forwardedFor == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedFor.hasMoreElements()) {
            for (String hop : forwardedFor.nextElement().split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (parse(hop) == null) {
                // a malformed hop cannot be the client; the last address we could believe stands
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = parse(address);
        if (bytes == null) {
            return false;
        }
        for (Range r : trusted) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = parse(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + entry);
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + entry);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + entry);
            }
        }
        return new Range(network, prefix);
    }

    /** The bytes of an IP literal (never a DNS lookup), or null. IPv4-mapped IPv6 counts as IPv4. */
    private static byte[] parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!LITERAL.matcher(t).matches() || (t.indexOf(':') < 0 && !IPV4.matcher(t).matches())) {
            // only literals reach InetAddress: anything else could make it ask DNS
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
