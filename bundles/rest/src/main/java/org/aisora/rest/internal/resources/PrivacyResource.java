package org.aisora.rest.internal.resources;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.aisora.api.service.Caller;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.PrivacyService;
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

/** Portability and erasure: the caller's export, deleting the caller's account, and deletion receipts. */
@Component(service = PrivacyResource.class)
@JaxrsResource
@JaxrsName("aisora.privacy")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.ACCOUNT)
public final class PrivacyResource {
    /** The body of DELETE /me; without a password the request needs a session under ten minutes old. */
    public record DeletionRequest(String password) {
        @Override
        public String toString() {
            return "DeletionRequest[***]";
        }
    }

    private static final String BEARER = "Bearer ";

    private final PrivacyService privacy;

    @Activate
    public PrivacyResource(@Reference PrivacyService privacy) {
        this.privacy = privacy;
    }

    /** Streamed: each file and media blob goes to the client as it is read, never the whole ZIP in memory. */
    @GET
    @Path("me/export")
    @Produces({PrivacyService.EXPORT_TYPE, MediaType.APPLICATION_JSON})
    public Response export(@Context SecurityContext security, @Context HttpServletRequest request,
                           @Context HttpHeaders headers) {
        Caller caller = Callers.require(security);
        StreamingOutput body = out -> privacy.export(caller, out, Callers.client(request, headers));
        String name = "aisora-export-" + LocalDate.now(ZoneOffset.UTC) + ".zip";
        return Response.ok(body, PrivacyService.EXPORT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("me")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response deleteMe(DeletionRequest body, @Context SecurityContext security,
                             @Context HttpServletRequest request, @Context HttpHeaders headers) {
        Caller caller = Callers.require(security);
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = authorization == null || authorization.length() < BEARER.length() ? null
                : authorization.substring(BEARER.length()).trim();
        DeletionReceiptView receipt = privacy.deleteAccount(caller, body == null ? null : body.password(), token,
                Callers.client(request, headers));
        return Response.status(202).entity(Map.of("receiptId", receipt.id(), "receipt", receipt)).build();
    }

    /** Public on purpose: a receipt holds no personal data, and its id (256 random bits) is the capability. */
    @AnyScope
    @GET
    @Path("deletion-receipts/{id}")
    public DeletionReceiptView receipt(@PathParam("id") String id) {
        return privacy.receipt(id);
    }

    @AnyScope
    @GET
    @Path("schemas/export/v1")
    @Produces("application/schema+json")
    public Response exportSchema() {
        return Response.ok(privacy.exportSchema(), "application/schema+json")
                .header("Cache-Control", "public, max-age=3600").build();
    }
}
