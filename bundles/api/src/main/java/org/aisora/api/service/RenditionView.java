package org.aisora.api.service;

/** One transcoded rendition of a video: fetch its bytes at /media/{id}/content. */
public record RenditionView(String id, String contentType, int width, int height, long bytes, String status) {
}
