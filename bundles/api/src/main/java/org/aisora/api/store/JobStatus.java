package org.aisora.api.store;

/** The generation job lifecycle: queued → running → succeeded | failed | rejected | canceled. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, REJECTED, CANCELED;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
