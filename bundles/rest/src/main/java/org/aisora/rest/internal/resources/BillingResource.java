package org.aisora.rest.internal.resources;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.BillingService;
import org.aisora.api.service.CheckoutView;
import org.aisora.api.service.PlanView;
import org.aisora.api.service.ProductView;
import org.aisora.api.service.SubscriptionView;
import org.aisora.api.service.TokenScope;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.AnyScope;
import org.aisora.rest.internal.security.Callers;
import org.aisora.rest.internal.security.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Plans, products, checkout, the customer portal, the caller's subscription, and processor webhooks. */
@Component(service = BillingResource.class)
@JaxrsResource
@JaxrsName("aisora.billing")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.BILLING)
public final class BillingResource {
    private final BillingService billing;

    @Activate
    public BillingResource(@Reference BillingService billing) {
        this.billing = billing;
    }

    @AnyScope
    @GET
    @Path("plans")
    public List<PlanView> plans() {
        return billing.plans();
    }

    @AnyScope
    @GET
    @Path("billing/products")
    public List<ProductView> products() {
        return billing.products();
    }

    @GET
    @Path("subscription")
    public SubscriptionView subscription(@Context SecurityContext security) {
        return billing.subscription(Callers.require(security));
    }

    /** {@code {"product":"pack-100"}} → {@code {"checkoutUrl": ...}}; an Idempotency-Key makes a retry return the same session. */
    @POST
    @Path("billing/checkout")
    @Consumes(MediaType.APPLICATION_JSON)
    public CheckoutView checkout(@Context SecurityContext security, @HeaderParam("Idempotency-Key") String key,
                                 Map<String, Object> body) {
        Object product = body == null ? null : body.get("product");
        if (!(product instanceof String id) || id.isBlank()) {
            throw AisoraException.badRequest("missing_product", "product is required");
        }
        return billing.checkout(Callers.require(security), id.strip(), key);
    }

    @POST
    @Path("billing/portal")
    public Map<String, String> portal(@Context SecurityContext security) {
        return Map.of("portalUrl", billing.portal(Callers.require(security)));
    }

    /** Unauthenticated by design: the processor's signature over the raw body is the authentication. */
    @AnyScope
    @POST
    @Path("billing/webhooks/{processor}")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Boolean> webhook(@PathParam("processor") String processor, @Context HttpHeaders headers,
                                        InputStream body) throws IOException {
        // the body guard caps it (webhook.max.bytes, 64 KiB): past that the read fails and the answer is 413
        byte[] raw = body.readAllBytes();
        Map<String, String> flat = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> flat.put(name.toLowerCase(java.util.Locale.ROOT),
                values.isEmpty() ? "" : values.get(0)));
        billing.webhook(processor, raw, flat);
        return Map.of("received", true);
    }
}
