package org.aisora.persistence.internal;

/**
 * Registered by {@link Database} once the migrations ran; the stores require it, so none of them
 * starts against a schema that is not there yet.
 */
public final class SchemaReady {
    SchemaReady() {
    }
}
