package org.aisora.transcoders.humble.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.aisora.api.transcode.TranscodeException;

/** The poster: the first picture at or after 10% of the duration, upright, full size, as a JPEG. */
final class Poster {
    private static final double AT = 0.10;

    private final MediaSource source;
    private final Deadline deadline;

    Poster(MediaSource source, Deadline deadline) {
        this.source = source;
        this.deadline = deadline;
    }

    void writeTo(Path jpeg) throws TranscodeException {
        BufferedImage image = new FrameSampler(source, deadline).at(AT, Integer.MAX_VALUE);
        try (PartFile part = PartFile.beside(jpeg)) {
            if (!ImageIO.write(image, "jpg", part.path().toFile())) {
                throw Failure.failed("no JPEG writer in this JVM", null);
            }
            part.commit();
        } catch (IOException e) {
            throw Failure.failed("could not write " + jpeg.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
