package org.aisora.core.internal.routing;

import static org.aisora.api.plugin.PluginHealth.Status.DEGRADED;
import static org.aisora.api.plugin.PluginHealth.Status.OFFLINE;
import static org.aisora.api.plugin.PluginHealth.Status.ONLINE;
import static org.aisora.api.provider.GenerationType.TEXT_TO_IMAGE;
import static org.aisora.api.provider.GenerationType.TEXT_TO_VIDEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aisora.api.plugin.PluginHealth;
import org.junit.jupiter.api.Test;

class RoutingOrderTest {
    private static final RoutingOrder CONFIGURED = RoutingOrder.parse("text-to-image=stability,openai");

    private static Candidate up(String id, int ranking) {
        return new Candidate(id, ranking, true, ONLINE, true);
    }

    private static Candidate with(String id, PluginHealth.Status health, boolean capable, boolean breakerAllows) {
        return new Candidate(id, 0, capable, health, breakerAllows);
    }

    @Test
    void parsesLinesAndReportsTheBadOnes() {
        RoutingOrder order = RoutingOrder.parse("# comment", "", " text-to-image = openai, stability ,,openai ",
                "upscale=builtin", "text-to-sound=x", "no equals sign", "upscale=replicate", null);
        assertEquals(List.of("openai", "stability"), order.configured(TEXT_TO_IMAGE));
        assertEquals(List.of("replicate"), order.configured(org.aisora.api.provider.GenerationType.UPSCALE));
        assertEquals(List.of(), order.configured(TEXT_TO_VIDEO));
        assertEquals(List.of("not a routing line (type=id,id,...): text-to-sound=x",
                "not a routing line (type=id,id,...): no equals sign",
                "upscale is configured twice; the last line wins"), order.problems());
        assertEquals(List.of(), RoutingOrder.parse((String[]) null).problems());
    }

    @Test
    void configuredIdsFirstThenRankingThenId() {
        Route route = CONFIGURED.route(TEXT_TO_IMAGE, List.of(up("builtin", 0), up("openai", 0), up("replicate", 10),
                up("stability", -5), up("aaa", 10), up("zzz", 0)), null);
        assertTrue(route.ok());
        assertEquals(List.of("stability", "openai", "aaa", "replicate", "builtin", "zzz"), route.toTry());
        assertEquals(List.of(), route.skippedCircuitOpen());
    }

    @Test
    void withoutAListForTheTypeTheRankingDecides() {
        Route route = CONFIGURED.route(TEXT_TO_VIDEO, List.of(up("openai", 0), up("stability", 0), up("replicate", 3)),
                "  ");
        assertEquals(List.of("replicate", "openai", "stability"), route.toTry());
    }

    @Test
    void incapableAndOfflineProvidersAreLeftOut() {
        Route route = CONFIGURED.route(TEXT_TO_IMAGE, List.of(with("openai", ONLINE, false, true),
                with("stability", OFFLINE, true, true), with("builtin", ONLINE, true, true)), null);
        assertEquals(List.of("builtin"), route.toTry());
    }

    @Test
    void degradedComesAfterEveryOnlineProviderEvenWhenListedFirst() {
        Route route = CONFIGURED.route(TEXT_TO_IMAGE, List.of(with("stability", DEGRADED, true, true),
                with("builtin", ONLINE, true, true), with("openai", ONLINE, true, true),
                with("replicate", DEGRADED, true, true)), null);
        assertEquals(List.of("openai", "builtin", "stability", "replicate"), route.toTry());
    }

    @Test
    void openCircuitsAreSkippedAndRecordedInRouteOrder() {
        Route route = CONFIGURED.route(TEXT_TO_IMAGE, List.of(with("openai", ONLINE, true, false),
                with("builtin", ONLINE, true, true), with("stability", ONLINE, true, false),
                with("gone", OFFLINE, true, false)), null);
        assertEquals(List.of("builtin"), route.toTry());
        assertEquals(List.of("stability", "openai"), route.skippedCircuitOpen());

        Route none = CONFIGURED.route(TEXT_TO_IMAGE, List.of(with("openai", ONLINE, true, false)), null);
        assertEquals(Route.Problem.NO_PROVIDER, none.problem());
        assertEquals(List.of("openai"), none.skippedCircuitOpen());
        assertEquals("no installed provider can do text-to-image now", none.message());
        assertFalse(none.unprocessable());
    }

    @Test
    void aPinnedProviderIsTheOnlyOneTried() {
        List<Candidate> all = List.of(up("openai", 100), with("stability", DEGRADED, true, true),
                with("builtin", ONLINE, false, true), with("replicate", OFFLINE, true, true),
                with("flaky", ONLINE, true, false));

        Route stability = CONFIGURED.route(TEXT_TO_IMAGE, all, "stability");
        assertTrue(stability.ok());
        assertEquals(List.of("stability"), stability.toTry());

        Route unknown = CONFIGURED.route(TEXT_TO_IMAGE, all, "midjourney");
        assertEquals(Route.Problem.PINNED_UNKNOWN, unknown.problem());
        assertTrue(unknown.unprocessable());
        assertEquals("provider 'midjourney' is not installed", unknown.message());

        Route incapable = CONFIGURED.route(TEXT_TO_IMAGE, all, "builtin");
        assertEquals(Route.Problem.PINNED_INCAPABLE, incapable.problem());
        assertTrue(incapable.unprocessable());
        assertEquals(List.of(), incapable.toTry());

        Route offline = CONFIGURED.route(TEXT_TO_IMAGE, all, "replicate");
        assertEquals(Route.Problem.PINNED_UNAVAILABLE, offline.problem());
        assertFalse(offline.unprocessable());

        Route open = CONFIGURED.route(TEXT_TO_IMAGE, all, "flaky");
        assertEquals(Route.Problem.PINNED_UNAVAILABLE, open.problem());
        assertEquals(List.of("flaky"), open.skippedCircuitOpen());
        assertEquals(List.of(), open.toTry());
    }

    private static Candidate trains(String id, int ranking, boolean breakerAllows) {
        return new Candidate(id, ranking, true, ONLINE, breakerAllows, false);
    }

    @Test
    void aProviderThatMayTrainOnContentIsNeverInTheRoute() {
        Route route = CONFIGURED.route(TEXT_TO_IMAGE, List.of(trains("stability", 100, true), up("builtin", 0),
                trains("openai", 0, false)), null);
        assertEquals(List.of("builtin"), route.toTry(), "listed first and ranked highest, and still left out");
        assertEquals(List.of(), route.skippedCircuitOpen(), "not recorded as an attempt either");

        Route none = CONFIGURED.route(TEXT_TO_IMAGE, List.of(trains("runway", 0, true), trains("replicate", 5, true),
                with("builtin", ONLINE, false, true)), null);
        assertEquals(Route.Problem.NO_TRAINING_SAFE_PROVIDER, none.problem());
        assertEquals("no_training_safe_provider", none.errorCode());
        assertEquals(List.of(), none.toTry());
        assertEquals("the only providers that can do text-to-image (replicate, runway) may use content to train "
                + "their models and have no no-training agreement", none.message());
        assertFalse(none.unprocessable());

        Route open = CONFIGURED.route(TEXT_TO_IMAGE, List.of(trains("runway", 0, true), with("openai", ONLINE, true,
                false)), null);
        assertEquals(Route.Problem.NO_PROVIDER, open.problem(), "a safe provider will be back when its circuit closes");
        assertEquals(List.of("openai"), open.skippedCircuitOpen());
    }

    @Test
    void aPinnedProviderThatMayTrainOnContentIsRefused() {
        Route route = CONFIGURED.route(TEXT_TO_IMAGE, List.of(trains("runway", 0, true), up("builtin", 0)), "runway");
        assertEquals(Route.Problem.NO_TRAINING_SAFE_PROVIDER, route.problem());
        assertEquals(List.of(), route.toTry());
        assertEquals("provider 'runway' may use content to train its models and has no no-training agreement",
                route.message());
    }

    /** A vendor provider while no installed engine classifies images and images.required holds. */
    private static Candidate unmoderated(String id, int ranking) {
        return new Candidate(id, ranking, true, ONLINE, true, true, false);
    }

    @Test
    void aVendorWhoseImagesCannotBeModeratedIsLeftOutAndAloneItIsAProblem() {
        Route route = CONFIGURED.route(TEXT_TO_IMAGE, List.of(unmoderated("openai", 100), up("builtin", 0)), null);
        assertEquals(List.of("builtin"), route.toTry(), "listed and ranked first, and still left out");
        assertEquals(List.of(), route.skippedCircuitOpen());

        Route none = CONFIGURED.route(TEXT_TO_IMAGE, List.of(unmoderated("openai", 0), unmoderated("stability", 5),
                with("builtin", ONLINE, false, true)), null);
        assertEquals(Route.Problem.IMAGE_MODERATION_UNAVAILABLE, none.problem());
        assertEquals("image_moderation_unavailable", none.errorCode());
        assertEquals(List.of(), none.toTry());
        assertTrue(none.message().startsWith("only vendor providers (stability, openai) can do this"), none.message());
        assertFalse(none.unprocessable());

        Route pinned = CONFIGURED.route(TEXT_TO_IMAGE, List.of(unmoderated("openai", 0), up("builtin", 0)), "openai");
        assertEquals(Route.Problem.IMAGE_MODERATION_UNAVAILABLE, pinned.problem());
        assertEquals(List.of(), pinned.toTry());
    }
}
