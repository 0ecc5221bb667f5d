package org.aisora.transcoders.ffmpeg.internal;

/** Output sizes: what a player shows, the rendition's even-sized frame, and the filter chain between. */
final class Geometry {
    private Geometry() {
    }

    record Size(int width, int height) {
    }

    /** The displayed size: stored pixels stretched by the sample aspect ratio, then turned. */
    static Size display(int width, int height, int sarNum, int sarDen, int rotation) {
        double sar = sarNum > 0 && sarDen > 0 ? sarNum / (double) sarDen : 1.0;
        int shownWidth = Math.max(1, (int) Math.round(width * sar));
        return rotation % 180 == 0 ? new Size(shownWidth, height) : new Size(height, shownWidth);
    }

    /** At most the target height and never above the source, aspect kept, both sides even (H.264 4:2:0). */
    static Size rendition(Size display, int targetHeight) {
        int height = Math.max(2, Math.min(targetHeight, display.height()) & ~1);
        int width = Math.max(2, (int) Math.round(display.width() * (double) height / display.height() / 2.0) * 2);
        return new Size(width, height);
    }

    /** The libavfilter chain: turn upright, scale, square pixels, the encoder's pixel format. */
    static String chain(int rotation, Size out, String pixelFormat) {
        String turn = switch (rotation) {
            case 90 -> "transpose=clock,";
            case 180 -> "hflip,vflip,";
            case 270 -> "transpose=cclock,";
            default -> "";
        };
        return turn + "scale=" + out.width() + ":" + out.height() + ":flags=bicubic,setsar=1,format=" + pixelFormat;
    }
}
