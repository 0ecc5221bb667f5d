package org.aisora.providers.runway.internal;

import org.aisora.support.vendorhttp.HostAllowList;
import java.util.ArrayList;
import java.util.List;
import org.aisora.providers.support.PriceTable;

/** One configuration, checked once: what the provider needs per call, and what health should report. */
record RunwaySettings(String id, String apiKey, String apiVersion, String model, String textModel, Shapes shapes,
                      HostAllowList outputHosts, PriceTable prices, List<String> problems) {
    RunwaySettings {
        problems = List.copyOf(problems);
    }

    static RunwaySettings of(RunwayProviderConfig config) {
        List<String> problems = new ArrayList<>();
        Shapes shapes = Shapes.parse(config.ratios(), config.durations(), problems);
        HostAllowList hosts = HostAllowList.parse(config.allowed_output_hosts(), problems);
        PriceTable prices = PriceTable.parse(config.prices());
        problems.addAll(prices.problems());
        if (config.allow_http_outputs()) {
            problems.add("allow_http_outputs is on: outputs may be fetched without TLS");
        }
        return new RunwaySettings(orDefault(config.id(), "runway"), trim(config._api_key()),
                orDefault(config.api_version(), "2024-11-06"), orDefault(config.model(), "gen4_turbo"),
                orDefault(config.text_model(), "gen4.5"), shapes, hosts, prices, problems);
    }

    boolean hasKey() {
        return !apiKey.isEmpty();
    }

    /** Never print the key, even by accident through a record's generated toString. */
    @Override
    public String toString() {
        return "RunwaySettings[id=" + id + ", model=" + model + ", textModel=" + textModel + ", problems=" + problems
                + "]";
    }

    private static String orDefault(String value, String fallback) {
        String v = trim(value);
        return v.isEmpty() ? fallback : v;
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
