package org.aisora.api.transcode;

import java.awt.image.BufferedImage;

/**
 * Frames to encode into a video, produced on demand so a clip never sits in memory whole. Every frame
 * has the source's width and height; frames are asked for in order, each once.
 */
public interface FrameSource {
    int width();

    int height();

    int frameRate();

    int frameCount();

    BufferedImage frame(int index);
}
