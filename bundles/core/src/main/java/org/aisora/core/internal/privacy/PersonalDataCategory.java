package org.aisora.core.internal.privacy;

import java.io.IOException;

/**
 * One kind of personal data an account has: how it is exported and how it is erased. Adding a kind of data
 * (devices, audit entries, API tokens, ...) is one class implementing this, added to
 * {@link PersonalDataCategories#all}.
 */
public interface PersonalDataCategory {
    /** The category's name in receipts and in the export manifest, e.g. {@code media}. */
    String name();

    /** Writes the category's export files. */
    void export(String accountId, ExportSink sink) throws IOException;

    /**
     * Deletes (or, where the law keeps the records, pseudonymises) the account's data. Must be safe to run
     * again after a crash: a second run finds less or nothing and finishes the job.
     *
     * @return how many records were deleted or pseudonymised (the receipt's count for {@link #name()})
     */
    long erase(String accountId, ErasureContext context) throws IOException;
}
