package org.aisora.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Submitting, watching and canceling generation jobs; every lookup is scoped to the caller. */
@ProviderType
public interface GenerationService {
    /** Validates, holds the cost and queues. The same idempotency key returns the first job again. */
    GenerationView submit(Caller caller, GenerationSubmission submission, String idempotencyKey);

    GenerationView get(Caller caller, String id);

    List<GenerationView> list(Caller caller, int offset, int limit);

    GenerationView cancel(Caller caller, String id);

    /** Every account's recent jobs, for operators. */
    List<GenerationView> recent(int limit);
}
