package org.aisora.core.internal.media.upload;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Objects;

/**
 * The hostile-upload gate: one pass over a request body that decides, from the bytes, whether it
 * is an allowed image or video within the limits, while copying it to the caller's spool.
 *
 * <p>Memory is one {@link #HEAD_BYTES} look-ahead plus small fixed buffers, whatever the body
 * length or the lengths it declares. Checks run cheapest first: the declared length, the size cap
 * (throughout), the format by magic, the polyglot scan, the declared type, then the image header
 * (pixel limits before any decoding) and the container structure.
 *
 * <p>On any refusal the sink holds an unspecified prefix of the body (nothing at all when the file
 * is refused from its look-ahead) and must be discarded. The sink is flushed, never closed.
 */
public final class UploadInspector {
    /** Look-ahead for sniffing and the polyglot scan; the one buffer of any size, and it is constant. */
    public static final int HEAD_BYTES = 64 * 1024;

    /** As {@link #inspect(InputStream, String, long, UploadLimits, OutputStream)} with no Content-Length. */
    public UploadInspection inspect(InputStream body, String declaredType, UploadLimits limits, OutputStream sink)
            throws IOException {
        return inspect(body, declaredType, -1, limits, sink);
    }

    /**
     * @param body           the request body or multipart part, read once and not closed
     * @param declaredType   the client's Content-Type, may be null, wrong or hostile
     * @param declaredLength the client's Content-Length, negative when unknown; over the cap is
     *                       refused before a byte is read
     * @param limits         the caps from configuration
     * @param sink           receives every byte of an accepted body, in order, exactly once
     * @return what the content is
     * @throws org.aisora.api.error.AisoraException with a code from {@link UploadRefusals}
     * @throws IOException                          if reading the body or writing the sink fails
     */
    public UploadInspection inspect(InputStream body, String declaredType, long declaredLength, UploadLimits limits,
            OutputStream sink) throws IOException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(sink, "sink");
        if (declaredLength > limits.maxBytes()) {
            throw UploadRefusals.tooLarge(limits.maxBytes());
        }
        LimitedInputStream limited = new LimitedInputStream(body, limits.maxBytes());
        byte[] head = new byte[HEAD_BYTES];
        int length = limited.readNBytes(head, 0, HEAD_BYTES);
        if (length == 0) {
            throw UploadRefusals.empty();
        }
        MediaFormat format = FormatSniffer.sniff(head, length);
        PolyglotScanner.check(format, head, length);
        DeclaredType.check(declaredType, format);

        OutputStream out = new BufferedOutputStream(sink);
        CopyingInputStream rest = new CopyingInputStream(limited, out, head, length);
        // parsers start again at byte 0 and continue into the body seamlessly, copying as they go
        MediaReader reader = new MediaReader(new SequenceInputStream(new ByteArrayInputStream(head, 0, length), rest));
        int width = 0;
        int height = 0;
        if (format.isImage()) {
            ImageHeaders.Size size = ImageHeaders.read(format, reader);
            if (!limits.allowsImage(size.width(), size.height())) {
                throw UploadRefusals.pixelLimit(size.width(), size.height(), limits);
            }
            width = (int) size.width();
            height = (int) size.height();
            if (format == MediaFormat.PNG) {
                StructureCheck.pngChunks(reader);
            }
        } else if (format == MediaFormat.MP4 || format == MediaFormat.MOV) {
            StructureCheck.isoBoxes(reader);
        }
        rest.drain();
        out.flush();
        return new UploadInspection(format, width, height, limited.count());
    }
}
