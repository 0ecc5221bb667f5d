package org.aisora.api.policy;

/** Everything that carries an expiry. */
public enum ArtifactKind {
    ORIGINAL_UPLOAD, GENERATED_OUTPUT, THUMBNAIL, RENDITION, EXPORT_FILE, OPERATIONAL_LOG, DEVICE_RECORD, USAGE_EVENT
}
