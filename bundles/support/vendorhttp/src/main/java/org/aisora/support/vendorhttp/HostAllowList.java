package org.aisora.support.vendorhttp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a vendor's output URLs may point at. Those URLs come from the vendor's answer, so they are
 * untrusted: a compromised or spoofed answer must not make us fetch from an internal address. Entries are
 * exact host names or {@code *.domain} (any subdomain of a domain with at least two labels, not the
 * domain itself); anything else is reported as a problem and ignored.
 */
public final class HostAllowList {
    private static final String LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
    private static final Pattern HOST = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    private final List<String> exact;
    private final List<String> suffixes;

    private HostAllowList(List<String> exact, List<String> suffixes) {
        this.exact = List.copyOf(exact);
        this.suffixes = List.copyOf(suffixes);
    }

    /** Comma-separated entries, as one {@code .cfg} line holds them. */
    public static HostAllowList parse(String csv, List<String> problems) {
        return parse(new String[] {csv}, problems);
    }

    /** Entries, each of which may itself be a comma-separated list. */
    public static HostAllowList parse(String[] entries, List<String> problems) {
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String raw : ConfigLists.entries(entries)) {
            String entry = raw.toLowerCase(Locale.ROOT);
            String domain = entry.startsWith("*.") ? entry.substring(2) : entry;
            if (!HOST.matcher(domain).matches() || (entry.startsWith("*.") && !domain.contains("."))) {
                problems.add("allowed output host '" + raw + "' is not a host name or *.domain");
            } else if (entry.startsWith("*.")) {
                suffixes.add("." + domain);
            } else {
                exact.add(domain);
            }
        }
        if (exact.isEmpty() && suffixes.isEmpty()) {
            problems.add("no allowed output host: no output can be downloaded");
        }
        return new HostAllowList(exact, suffixes);
    }

    public boolean allows(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return exact.contains(h) || suffixes.stream().anyMatch(h::endsWith);
    }
}
