package org.aisora.rest.internal.resources;

import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.MediaContent;
import org.aisora.rest.internal.errors.ErrorResponses;

/** Streams media with the HTTP caching and range semantics browsers and CDNs rely on. */
final class MediaResponses {
    private MediaResponses() {
    }

    static Response stream(MediaContent content, String ifNoneMatch, String rangeHeader) {
        EntityTag tag = new EntityTag(content.etag());
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + content.etag() + "\"") || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified(tag).header("Cache-Control", "private, max-age=3600").build();
        }
        long length = content.length();
        RangeHeader range;
        try {
            range = RangeHeader.parse(rangeHeader, length);
        } catch (RangeHeader.Unsatisfiable e) {
            return ErrorResponses.builder(416, "range_not_satisfiable", "the range starts past the end of the content")
                    .header("Content-Range", "bytes */" + length).build();
        }
        InputStream opened = open(content); // before the status is sent, so a missing blob is an error
        long skip = range == null ? 0 : range.first();
        long count = range == null ? length : range.length();
        StreamingOutput body = out -> {
            try (InputStream in = opened) {
                in.skipNBytes(skip);
                byte[] buffer = new byte[64 * 1024];
                long left = count;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        };
        Response.ResponseBuilder builder = Response.status(range == null ? 200 : 206)
                .entity(body)
                .type(content.contentType())
                .tag(tag)
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", count)
                .header("Content-Disposition", "inline; filename=\"" + content.fileName() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, max-age=3600");
        if (range != null) {
            builder.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length);
        }
        return builder.build();
    }

    private static InputStream open(MediaContent content) {
        try {
            return content.open();
        } catch (org.aisora.api.storage.BlobNotFoundException e) {
            throw AisoraException.notFound("media content");
        } catch (IOException e) {
            throw new AisoraException(AisoraException.Kind.UNAVAILABLE, "storage_unavailable",
                    "the storage holding this item cannot be read now");
        }
    }
}
