package org.aisora.core.internal.generation;

/**
 * What a job costs, known before it runs so the exact amount can be held: images by started
 * 512x512 tile, videos per second of a 512x512 frame.
 */
final class Pricing {
    static final long TILE = 512L * 512L;

    private Pricing() {
    }

    static long cost(ValidatedSubmission s, long creditsPerTile) {
        long tiles = Math.max(1, (long) Math.ceil((double) s.width() * s.height() / TILE));
        long perUnit = tiles * creditsPerTile;
        return s.type().producesVideo() ? perUnit * s.durationSeconds() : perUnit;
    }
}
