package org.aisora.core.internal.limits;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The plans and prices (PID org.aisora.core.plans, file etc/org.aisora.core.plans.cfg): each plan's credits,
 * retention and limits, the price of an image tile, the sign-up grant, and the grace periods of dunning and of a
 * downgrade. An edit applies live to every component that reads plans.
 */
@ObjectClassDefinition(name = "AiSora plans", description = "Plans, their limits, prices and the sign-up grant")
public @interface PlansConfiguration {
    String PID = "org.aisora.core.plans";

    @AttributeDefinition(description = "Credits granted once to every new account")
    long signup_grant_credits() default 100;

    @AttributeDefinition(description = "Credits charged per started 512x512 tile of an image")
    long image_tile_credits() default 5;

    @AttributeDefinition(description = "Plans: id=monthly.credits:N,retention.days:N,max.concurrent.jobs:N,"
            + "requests.per.minute:N,max.video.seconds:N,max.upload.mb:N (one line each; free is required)")
    String[] plans() default {PlanCatalog.FREE_LINE, PlanCatalog.PRO_LINE};

    @AttributeDefinition(description = "Days a past_due or paused subscription keeps its paid plan's limits and"
            + " retention, counted from its first failed renewal, before the account drops to free")
    int dunning_grace_days() default 14;

    @AttributeDefinition(description = "After a downgrade to a plan with shorter retention, no item expires sooner"
            + " than this many days after the downgrade (nor later than the old plan would have kept it)")
    int downgrade_grace_days() default 7;
}
