package org.aisora.providers.openai.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.support.vendorhttp.ConfigLists;
import org.aisora.providers.support.PriceTable;
import org.aisora.support.vendorhttp.VendorHttp;

/**
 * A configuration read once: what can be used is kept, and everything that could not be is a problem for
 * health. {@code fatal} is set when the provider cannot call OpenAI at all (no key, a bad URL).
 */
record OpenAiSettings(String id, String apiKey, String baseUrl, String model, Set<Size> sizes, String quality,
                      int connectTimeoutMs, int requestTimeoutMs, int maxConcurrency, PriceTable prices,
                      String fatal, List<String> problems) {
    private static final Pattern SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

    record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    static OpenAiSettings of(OpenAiImagesConfig config) {
        List<String> problems = new ArrayList<>();
        String id = blank(config.id()) ? "openai" : config.id().trim();
        String key = config._api_key() == null ? "" : config._api_key().trim();
        String fatal = key.isEmpty() ? "no api key" : null;
        String baseUrl = config.base_url();
        try {
            baseUrl = VendorHttp.baseUri(baseUrl).toString();
        } catch (IllegalArgumentException e) {
            fatal = "misconfigured: " + e.getMessage();
        }
        Set<Size> sizes = new LinkedHashSet<>();
        for (String raw : ConfigLists.entries(config.sizes())) {
            Matcher m = SIZE.matcher(raw.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                sizes.add(new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            } else {
                problems.add("size '" + raw + "' is not WxH");
            }
        }
        if (sizes.isEmpty() && fatal == null) {
            fatal = "no usable size configured";
        }
        PriceTable prices = PriceTable.parse(config.prices());
        problems.addAll(prices.problems());
        String model = blank(config.model()) ? "gpt-image-1" : config.model().trim();
        String quality = config.quality() == null ? "" : config.quality().trim();
        return new OpenAiSettings(id, key, baseUrl, model, Set.copyOf(sizes), quality,
                positive(config.connect_timeout_ms(), 10_000), positive(config.request_timeout_ms(), 180_000),
                positive(config.max_concurrency(), 1), prices, fatal, List.copyOf(problems));
    }

    /** GPT image models always answer in base64 and reject {@code response_format}; DALL-E needs it asked. */
    boolean asksForBase64() {
        return !model.startsWith("gpt-image");
    }

    /** DALL-E 3 has no edits endpoint. */
    boolean edits() {
        return !model.startsWith("dall-e-3");
    }

    int maxWidth() {
        return sizes.stream().mapToInt(Size::width).max().orElse(0);
    }

    int maxHeight() {
        return sizes.stream().mapToInt(Size::height).max().orElse(0);
    }

    /** Never prints the key: records print their components. */
    @Override
    public String toString() {
        return "OpenAiSettings[id=" + id + ", baseUrl=" + baseUrl + ", model=" + model + ", sizes=" + sizes + "]";
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int positive(int value, int fallback) {
        return value > 0 ? value : fallback;
    }
}
