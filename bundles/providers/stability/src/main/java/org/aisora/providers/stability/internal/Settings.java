package org.aisora.providers.stability.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.providers.support.ConcurrencyGate;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.PriceTable;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.support.vendorhttp.VendorHealth;

/**
 * One configuration, checked once: values out of range are replaced by the vendor default and reported
 * as problems (health DEGRADED); a missing key or an unusable base URL makes the provider OFFLINE. A new
 * configuration brings a new instance, which is what clears "api key refused".
 */
final class Settings {
    static final String VENDOR = "Stability AI";
    /**
     * Stability's images are a few MB; its clips well under that. Anything bigger is not an answer we want.
     * Media answers stream to the spool under this cap; below the core's upload_max_bytes (100 MiB).
     */
    static final long MAX_OUTPUT_BYTES = 64L * 1024 * 1024;
    /** JSON answers (an async id, an error) are read into memory: small. */
    static final long MAX_JSON_BYTES = 1024 * 1024;
    private static final int SIZE_LIMIT = 16_384;

    final String id;
    final String apiKey;
    final ProviderHttp http;
    final OutputSpool spool;
    final Endpoint textModel;
    final Endpoint imageModel;
    final double strength;
    final double cfgScale;
    final int motionBucketId;
    final int maxWidth;
    final int maxHeight;
    final PriceTable prices;
    final ConcurrencyGate gate;
    final AtomicBoolean keyRefused = new AtomicBoolean();
    private final String offline;
    private final List<String> problems;

    Settings(StabilityConfig config, Clock clock) {
        List<String> found = new ArrayList<>();
        id = config.id() == null || config.id().isBlank() ? "stability" : config.id().trim();
        apiKey = key(config);
        spool = OutputSpool.forProvider(config.spool_dir(), id);
        ProviderHttp client = null;
        String why = apiKey.isEmpty() ? "no api key" : null;
        try {
            client = new ProviderHttp(VENDOR, config.base_url(),
                    Duration.ofMillis(positive(config.connect_timeout_ms(), 10_000, "connect.timeout.ms", found)),
                    Duration.ofMillis(positive(config.request_timeout_ms(), 120_000, "request.timeout.ms", found)),
                    MAX_JSON_BYTES, clock);
        } catch (IllegalArgumentException e) {
            why = why != null ? why : "base.url is not an absolute http(s) URL";
        }
        http = client;
        offline = why;
        textModel = Endpoint.parse(config.model()).orElseGet(() -> {
            found.add("model '" + config.model() + "' is not core, ultra, sd3 or sd3/<model>; using core");
            return new Endpoint("core", null);
        });
        imageModel = Endpoint.parse(config.image_model()).filter(Endpoint::takesImage).orElseGet(() -> {
            found.add("image.model '" + config.image_model() + "' is not ultra, sd3 or sd3/<model>; using sd3");
            return new Endpoint("sd3", null);
        });
        strength = inRange(config.strength(), 0, 1, 0.6, "strength", found);
        cfgScale = inRange(config.video_cfg_scale(), 0, 10, 1.8, "video.cfg.scale", found);
        motionBucketId = (int) inRange(config.video_motion_bucket_id(), 1, 255, 127, "video.motion.bucket.id", found);
        maxWidth = (int) inRange(config.max_width(), 1, SIZE_LIMIT, 2048, "max.width", found);
        maxHeight = (int) inRange(config.max_height(), 1, SIZE_LIMIT, 2048, "max.height", found);
        prices = PriceTable.parse(config.prices());
        found.addAll(prices.problems());
        gate = new ConcurrencyGate(VENDOR, positive(config.max_concurrency(), 4, "max.concurrency", found));
        problems = List.copyOf(found);
    }

    private static String key(StabilityConfig config) {
        String hidden = config._api_key() == null ? "" : config._api_key().trim();
        return !hidden.isEmpty() ? hidden : config.api_key() == null ? "" : config.api_key().trim();
    }

    PluginHealth health() {
        if (offline != null) {
            return PluginHealth.offline(offline);
        }
        return VendorHealth.of(keyRefused.get(), problems);
    }

    /** Null when calls may be made, else why not. */
    String unusable() {
        return offline;
    }

    private static int positive(int value, int fallback, String name, List<String> problems) {
        if (value > 0) {
            return value;
        }
        problems.add(name + " " + value + " must be positive; using " + fallback);
        return fallback;
    }

    private static double inRange(double value, double min, double max, double fallback, String name,
                                  List<String> problems) {
        if (value >= min && value <= max) {
            return value;
        }
        problems.add(name + " " + text(value) + " is outside " + text(min) + ".." + text(max) + "; using "
                + text(fallback));
        return fallback;
    }

    private static String text(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
