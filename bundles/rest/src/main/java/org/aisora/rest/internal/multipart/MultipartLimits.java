package org.aisora.rest.internal.multipart;

import java.util.Objects;

/**
 * The caps of one multipart/form-data parse; together they bound the memory (one buffer of
 * {@code bufferSize} plus the delimiter) and the bytes read before the file part starts.
 *
 * @param fileField      the form name of the file part ({@code file})
 * @param bufferSize     the look-ahead: the parser never holds more than this plus the delimiter
 * @param maxHeaderBytes the cap of one part's header block, and of the preamble before the first boundary
 * @param maxParts       how many parts are examined, the file part included
 * @param maxFieldBytes  the cap of all text fields before the file together (names and values), and of
 *                       any other part skipped before the file
 */
public record MultipartLimits(String fileField, int bufferSize, int maxHeaderBytes, int maxParts, int maxFieldBytes) {
    public static final MultipartLimits DEFAULTS = new MultipartLimits("file", 64 * 1024, 8 * 1024, 16, 8 * 1024);

    public MultipartLimits {
        Objects.requireNonNull(fileField, "fileField");
        if (fileField.isEmpty() || bufferSize < 1 || maxHeaderBytes < 1 || maxParts < 1 || maxFieldBytes < 0) {
            throw new IllegalArgumentException("invalid multipart limits");
        }
    }

    public MultipartLimits withFileField(String name) {
        return new MultipartLimits(name, bufferSize, maxHeaderBytes, maxParts, maxFieldBytes);
    }

    public MultipartLimits withBufferSize(int size) {
        return new MultipartLimits(fileField, size, maxHeaderBytes, maxParts, maxFieldBytes);
    }
}
