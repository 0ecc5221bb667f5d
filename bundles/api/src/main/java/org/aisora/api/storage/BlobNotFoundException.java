package org.aisora.api.storage;

import java.io.IOException;

/** The key names no blob in this store. */
public class BlobNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public BlobNotFoundException(String key) {
        super("no blob " + key);
    }
}
