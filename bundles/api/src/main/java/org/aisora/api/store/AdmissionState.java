package org.aisora.api.store;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an {@link Admission} may read and change, all in the submission's transaction.
 *
 * @since 2.2
 */
@ProviderType
public interface AdmissionState {
    /** The owner, read under its row lock; {@code null} when it no longer exists (or is being erased). */
    AccountRecord account();

    /** The live counters of the keys {@link JobStore#submit} was given; change them as in {@link CounterChange}. */
    Map<String, CounterRecord> counters();

    /** Whether the owner restricted the processing of their data (a preference), read on first use. */
    boolean processingRestricted();

    /** The owner's queued and running jobs, counted on first use. */
    int activeJobs();

    /** Bytes the owner's media take, summed in this transaction (from an index). */
    long bytesUsed();
}
