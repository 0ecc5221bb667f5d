package org.aisora.providers.replicate.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.providers.support.ConcurrencyGate;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.PriceTable;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.support.vendorhttp.HostAllowList;
import org.aisora.support.vendorhttp.VendorHttp;

/**
 * Everything one configuration of the provider needs, built once per (re)configuration so a change
 * swaps it whole: endpoints, model routes, prices, limits, and whether Replicate has refused the key
 * since (a new configuration starts trusting the key again).
 */
record ReplicateAccount(String id, String apiKey, URI base, ProviderHttp api, OutputFetcher outputs, OutputSpool spool,
                        ModelRoutes routes, PriceTable prices, ConcurrencyGate gate, Duration timeout,
                        int waitSeconds, int maxInputBytes, ProviderCapabilities capabilities, String setupProblem,
                        List<String> problems, AtomicBoolean keyRefused) {
    static final String VENDOR = "Replicate";
    static final int MAX_WAIT_SECONDS = 60;
    /** Room for a prediction's JSON besides the input it echoes (our data: URI, base64 grows it by a third). */
    private static final long JSON_OVERHEAD = 1024 * 1024;

    static ReplicateAccount of(ReplicateConfig config, Clock clock) {
        String id = config.id() == null || config.id().isBlank() ? "replicate" : config.id().trim();
        String key = config._api_key() == null ? "" : config._api_key().trim();
        List<String> problems = new ArrayList<>();
        ModelRoutes routes = ModelRoutes.parse(config.models(), config.image_fields());
        problems.addAll(routes.problems());
        PriceTable prices = PriceTable.parse(config.prices());
        problems.addAll(prices.problems());
        HostAllowList hosts = HostAllowList.parse(config.allowed_output_hosts(), problems);
        int wait = config.wait_seconds();
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            problems.add("wait.seconds " + wait + " is outside 0.." + MAX_WAIT_SECONDS + ", using 0");
            wait = 0;
        }
        int maxInput = Math.max(1, config.max_input_bytes());
        Duration connect = Duration.ofMillis(Math.max(1, config.connect_timeout_ms()));
        Duration timeout = Duration.ofMillis(Math.max(1, config.request_timeout_ms()));
        ProviderCapabilities capabilities = new ProviderCapabilities(routes.types(), config.max_width(),
                config.max_height(), config.max_duration_seconds());
        ConcurrencyGate gate = new ConcurrencyGate(VENDOR, config.max_concurrency());
        OutputSpool spool = OutputSpool.forProvider(config.spool_dir(), id);
        try {
            URI base = VendorHttp.baseUri(config.base_url());
            ProviderHttp api = new ProviderHttp(VENDOR, base.toString(), connect, timeout,
                    maxInput * 4L / 3 + JSON_OVERHEAD, clock);
            // output bodies stream to the spool: this cap only bounds an error answer's body
            ProviderHttp downloads = new ProviderHttp(VENDOR, base.toString(), connect, timeout,
                    VendorHttp.ERROR_BODY_BYTES, clock);
            OutputFetcher outputs = new OutputFetcher(downloads, spool, Math.max(1, config.max_output_bytes()), timeout,
                    base, key, hosts,
                    config.allow_http_outputs(), config.max_outputs());
            return new ReplicateAccount(id, key, base, api, outputs, spool, routes, prices, gate, timeout, wait, maxInput,
                    capabilities, "", problems, new AtomicBoolean());
        } catch (IllegalArgumentException e) {
            return new ReplicateAccount(id, key, null, null, null, spool, routes, prices, gate, timeout, wait, maxInput,
                    capabilities, "base.url is not an absolute http(s) URL without query", problems,
                    new AtomicBoolean());
        }
    }

    ReplicateAccount {
        problems = List.copyOf(problems);
    }

    /** Without the key: a record's generated toString would print it. */
    @Override
    public String toString() {
        return "ReplicateAccount[" + id + " at " + base + "]";
    }
}
