package org.aisora.transcoders.humble.internal;

/** A picture size; renditions keep the source's aspect, have even sides (4:2:0 needs them) and never upscale. */
record FrameSize(int width, int height) {

    /** The size of a rendition {@code targetHeight} high made from a {@code source}-sized picture. */
    static FrameSize rendition(FrameSize source, int targetHeight) {
        if (source.width <= 0 || source.height <= 0 || targetHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + source + ", target height " + targetHeight);
        }
        int height = Math.max(2, Math.min(targetHeight, source.height) & ~1);
        int width = (int) Math.round(source.width * (double) height / source.height / 2) * 2;
        width = Math.max(2, Math.min(width, source.width & ~1));
        return new FrameSize(width, height);
    }

    /** This size scaled down (never up) to fit a {@code maxSide} square, keeping the aspect; sides at least 1. */
    FrameSize fit(int maxSide) {
        if (maxSide <= 0) {
            throw new IllegalArgumentException("the box side must be positive: " + maxSide);
        }
        int longest = Math.max(width, height);
        if (longest <= maxSide) {
            return this;
        }
        double scale = maxSide / (double) longest;
        return new FrameSize(Math.max(1, Math.min(maxSide, (int) Math.round(width * scale))),
                Math.max(1, Math.min(maxSide, (int) Math.round(height * scale))));
    }

    FrameSize transposed() {
        return new FrameSize(height, width);
    }
}
