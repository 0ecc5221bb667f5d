package org.aisora.api.transcode;

/** One MP4/H.264 rendition: its target height (never above the source) and video bitrate. */
public record RenditionSpec(int height, int videoBitrateKbps) {
}
