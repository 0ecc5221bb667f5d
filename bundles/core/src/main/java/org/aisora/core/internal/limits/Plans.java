package org.aisora.core.internal.limits;

import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plans and prices in force (PID org.aisora.core.plans). Components ask it at each use, so an edit
 * applies to the next request, sweep or job without restarting anything. Lines that do not parse are logged
 * and the built-in value stands in (see {@link PlanCatalog}).
 */
@Component(service = Plans.class, configurationPid = PlansConfiguration.PID)
@Designate(ocd = PlansConfiguration.class)
public final class Plans {
    private static final Logger LOG = LoggerFactory.getLogger(Plans.class);

    private record Terms(PlanCatalog catalog, long signupGrantCredits, long imageTileCredits, Duration dunningGrace,
                         Duration downgradeGrace) {
    }

    private volatile Terms terms;

    @Activate
    public Plans(PlansConfiguration config) {
        modified(config);
    }

    @Modified
    void modified(PlansConfiguration config) {
        PlanCatalog catalog = PlanCatalog.parse(config.plans());
        catalog.problems().forEach(p -> LOG.error("plans: {}", p));
        terms = new Terms(catalog, config.signup_grant_credits(), config.image_tile_credits(),
                Duration.ofDays(Math.max(0, config.dunning_grace_days())),
                Duration.ofDays(Math.max(0, config.downgrade_grace_days())));
    }

    public PlanCatalog catalog() {
        return terms.catalog();
    }

    /** Credits granted once to a new account. */
    public long signupGrantCredits() {
        return terms.signupGrantCredits();
    }

    /** How long a past_due or paused subscription keeps its paid plan, from its first failed renewal. */
    public Duration dunningGrace() {
        return terms.dunningGrace();
    }

    /** After a downgrade, no item expires sooner than this after it (nor later than under the old plan). */
    public Duration downgradeGrace() {
        return terms.downgradeGrace();
    }

    /** Credits per started 512×512 tile of an image. */
    public long imageTileCredits() {
        return terms.imageTileCredits();
    }
}
