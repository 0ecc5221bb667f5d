package org.aisora.rest.internal.resources;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.Caller;
import org.aisora.api.service.MediaContent;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.SignedUrl;
import org.aisora.api.service.TokenScope;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.multipart.MultipartUpload;
import org.aisora.rest.internal.security.Callers;
import org.aisora.rest.internal.security.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Uploads, metadata and bytes (Range, ETag, signed URLs) of the caller's media. */
@Component(service = MediaResource.class)
@JaxrsResource
@JaxrsName("aisora.media")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("media")
@RequiresScope(TokenScope.MEDIA)
public final class MediaResource {
    private final MediaService media;

    @Activate
    public MediaResource(@Reference MediaService media) {
        this.media = media;
    }

    /** The raw body is the file; its type is sniffed from the content, the header can only make it fail. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@Context SecurityContext security, @HeaderParam("Content-Type") String type,
                           @HeaderParam("Content-Length") Long length, InputStream body) {
        MediaView item = media.upload(Callers.require(security), body, type, length == null ? -1 : length);
        return Response.status(201).entity(item).header("Location", AisoraApplication.BASE + "/media/" + item.id())
                .build();
    }

    /**
     * A browser form or SDK upload: the first "file" part is streamed into the same upload path as a raw
     * body (its size cap applies while streaming; the part's own Content-Type is only a claim).
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response uploadForm(@Context SecurityContext security, @HeaderParam("Content-Type") String type,
                               InputStream body) throws IOException {
        Caller caller = Callers.require(security);
        MultipartUpload form = MultipartUpload.open(body, type);
        MediaView item = media.upload(caller, form.content(), form.contentType(), -1);
        return Response.status(201).entity(item).header("Location", AisoraApplication.BASE + "/media/" + item.id())
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<MediaView> list(@Context SecurityContext security, @QueryParam("offset") Integer offset,
                                @QueryParam("limit") Integer limit) {
        return media.list(Callers.require(security), Resources.offset(offset), Resources.limit(limit));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public MediaView get(@Context SecurityContext security, @PathParam("id") String id) {
        return media.get(Callers.require(security), id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        media.delete(Callers.require(security), id);
        return Response.noContent().build();
    }

    /** A URL for an img/video tag or a CDN: no bearer token needed until it expires. */
    @POST
    @Path("{id}/signed-url")
    @Produces(MediaType.APPLICATION_JSON)
    public SignedUrl sign(@Context SecurityContext security, @PathParam("id") String id,
                          @QueryParam("variant") String variant, @QueryParam("ttl") Long ttlSeconds) {
        SignedUrl url = media.sign(Callers.require(security), id, variant == null ? MediaService.CONTENT : variant,
                Duration.ofSeconds(ttlSeconds == null ? 300 : ttlSeconds));
        return new SignedUrl("/" + AisoraApplication.BASE + url.path(), url.expiresAt());
    }

    @GET
    @Path("{id}/content")
    public Response content(@Context SecurityContext security, @PathParam("id") String id,
                            @QueryParam("expires") Long expires, @QueryParam("sig") String sig,
                            @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("Range") String range) {
        MediaContent content = sig != null ? media.signedContent(id, MediaService.CONTENT, expires == null ? 0 : expires, sig)
                : media.content(Callers.require(security), id);
        return MediaResponses.stream(content, ifNoneMatch, range);
    }

    @GET
    @Path("{id}/thumbnail")
    public Response thumbnail(@Context SecurityContext security, @PathParam("id") String id,
                              @QueryParam("expires") Long expires, @QueryParam("sig") String sig,
                              @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("Range") String range) {
        MediaContent content = sig != null
                ? media.signedContent(id, MediaService.THUMBNAIL, expires == null ? 0 : expires, sig)
                : media.thumbnail(Callers.require(security), id);
        return MediaResponses.stream(content, ifNoneMatch, range);
    }

}
