package org.aisora.providers.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.support.vendorhttp.ConfigLists;

/**
 * What a vendor charges, from configuration lines in micro-USD:
 * {@code text-to-image:1024x1024=40000} (that size), {@code text-to-image=40000} (any other size) and
 * {@code image-to-video:per-second=50000} (times the clip's duration), one per line or comma-separated on
 * one {@code .cfg} line. Lines that do not parse are kept
 * as problems for the provider's health, never guessed at.
 */
public final class PriceTable {
    private static final Pattern LINE = Pattern.compile(
            "([a-z-]+)(?::(\\d{1,5})x(\\d{1,5})|:(per-second))?=(\\d{1,12})");

    private final Map<String, Long> prices;
    private final List<String> problems;

    private PriceTable(Map<String, Long> prices, List<String> problems) {
        this.prices = Map.copyOf(prices);
        this.problems = List.copyOf(problems);
    }

    public static PriceTable parse(String[] lines) {
        Map<String, Long> prices = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String raw : ConfigLists.entries(lines)) {
            String line = raw.toLowerCase(Locale.ROOT);
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add("price '" + raw + "' is not type[:WxH|:per-second]=micros");
                continue;
            }
            String key = m.group(1) + (m.group(2) != null ? ":" + m.group(2) + "x" + m.group(3)
                    : m.group(4) != null ? ":per-second" : "");
            prices.put(key, Long.parseLong(m.group(5)));
        }
        return new PriceTable(prices, problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** The cost of one attempt, or 0 when the table has no price for its type. */
    public long costMicros(GenerationRequest request) {
        String type = request.type().wireName();
        Long sized = prices.get(type + ":" + request.width() + "x" + request.height());
        if (sized != null) {
            return sized;
        }
        Long perSecond = prices.get(type + ":per-second");
        if (perSecond != null) {
            return perSecond * Math.max(1, request.durationSeconds());
        }
        return prices.getOrDefault(type, 0L);
    }
}
