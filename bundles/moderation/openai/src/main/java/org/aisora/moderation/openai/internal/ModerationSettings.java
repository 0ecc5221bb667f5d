package org.aisora.moderation.openai.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.support.vendorhttp.ConfigLists;
import org.aisora.support.vendorhttp.VendorHttp;

/** The engine's configuration, read once; {@code fatal} says why it cannot call OpenAI at all. */
record ModerationSettings(String id, String apiKey, String baseUrl, String model, int connectTimeoutMs,
                          int requestTimeoutMs, int maxImageBytes, Map<String, Double> thresholds, String fatal,
                          List<String> problems) {
    private static final Pattern THRESHOLD = Pattern.compile("([a-z/-]+)\\s*=\\s*(0(?:\\.\\d+)?|1(?:\\.0+)?)");
    private static final int MAX_IMAGE_MB = 20;

    static ModerationSettings of(OpenAiModerationConfig config) {
        String key = config._api_key() == null ? "" : config._api_key().trim();
        String fatal = key.isEmpty() ? "no api key" : null;
        String baseUrl = config.base_url();
        try {
            baseUrl = VendorHttp.baseUri(baseUrl).toString();
        } catch (IllegalArgumentException e) {
            fatal = "misconfigured: " + e.getMessage();
        }
        List<String> problems = new ArrayList<>();
        Map<String, Double> thresholds = new HashMap<>();
        for (String raw : ConfigLists.entries(config.thresholds())) {
            Matcher m = THRESHOLD.matcher(raw.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                thresholds.put(m.group(1), Double.parseDouble(m.group(2)));
            } else {
                problems.add("threshold '" + raw + "' is not category=score with a score from 0 to 1");
            }
        }
        int imageMb = config.max_image_mb();
        if (imageMb < 1 || imageMb > MAX_IMAGE_MB) {
            problems.add("max.image.mb " + imageMb + " is outside 1.." + MAX_IMAGE_MB + ", using 4");
            imageMb = 4;
        }
        return new ModerationSettings(blank(config.id()) ? "openai" : config.id().trim(), key, baseUrl,
                blank(config.model()) ? "omni-moderation-latest" : config.model().trim(),
                positive(config.connect_timeout_ms(), 5_000), positive(config.request_timeout_ms(), 20_000),
                imageMb * 1024 * 1024, Map.copyOf(thresholds), fatal, List.copyOf(problems));
    }

    /** Never prints the key: records print their components. */
    @Override
    public String toString() {
        return "ModerationSettings[id=" + id + ", baseUrl=" + baseUrl + ", model=" + model + "]";
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int positive(int value, int fallback) {
        return value > 0 ? value : fallback;
    }
}
