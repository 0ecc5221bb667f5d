package org.aisora.core.internal.limits;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The plans and prices (PID org.aisora.core.plans, file etc/org.aisora.core.plans.cfg): each plan's credits,
 * retention and limits, the price of an image tile and the sign-up grant. An edit applies live to every component
 * that reads plans.
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
}
