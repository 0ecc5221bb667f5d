package org.aisora.rest.internal.resources;

import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.MediaContent;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.MediaView;
import org.aisora.api.storage.BlobNotFoundException;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Media metadata and bytes, streamed from storage, for their owner only. */
@Component(service = MediaResource.class)
@JaxrsResource
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("media")
public final class MediaResource {
    private final MediaService media;

    @Activate
    public MediaResource(@Reference MediaService media) {
        this.media = media;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public MediaView get(@Context SecurityContext security, @PathParam("id") String id) {
        return media.get(Callers.require(security), id);
    }

    @GET
    @Path("{id}/content")
    public Response content(@Context SecurityContext security, @PathParam("id") String id,
                            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return stream(media.content(Callers.require(security), id), ifNoneMatch);
    }

    @GET
    @Path("{id}/thumbnail")
    public Response thumbnail(@Context SecurityContext security, @PathParam("id") String id,
                              @HeaderParam("If-None-Match") String ifNoneMatch) {
        return stream(media.thumbnail(Callers.require(security), id), ifNoneMatch);
    }

    private static InputStream open(MediaContent content) {
        try {
            return content.open();
        } catch (BlobNotFoundException e) {
            throw AisoraException.notFound("media content");
        } catch (IOException e) {
            throw new AisoraException(AisoraException.Kind.UNAVAILABLE, "storage_unavailable",
                    "the storage holding this item cannot be read now");
        }
    }

    private static Response stream(MediaContent content, String ifNoneMatch) {
        EntityTag tag = new EntityTag(content.etag());
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + content.etag() + "\"") || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified(tag).header("Cache-Control", "private, max-age=3600").build();
        }
        InputStream opened = open(content); // before the status is sent, so a missing blob is still an error
        StreamingOutput body = out -> {
            try (InputStream in = opened) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, content.contentType())
                .tag(tag)
                .header("Content-Length", content.length())
                .header("Content-Disposition", "inline; filename=\"" + content.fileName() + "\"")
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }
}
