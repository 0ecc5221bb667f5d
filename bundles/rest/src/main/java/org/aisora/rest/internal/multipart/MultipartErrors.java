package org.aisora.rest.internal.multipart;

import org.aisora.api.error.AisoraException;

/** The refusals of a multipart body; both are the client's fault (400). */
final class MultipartErrors {
    static final String MALFORMED = "malformed_multipart";
    static final String MISSING_FILE = "missing_file";

    private MultipartErrors() {
    }

    static AisoraException malformed(String why) {
        return AisoraException.badRequest(MALFORMED, "the multipart/form-data body is malformed: " + why);
    }

    static AisoraException truncated() {
        return malformed("the body ends before the closing boundary (truncated upload)");
    }

    static AisoraException missingFile(String field) {
        return AisoraException.badRequest(MISSING_FILE, "the form has no file part (expected a part named \""
                + field + "\" or one with a filename)");
    }
}
