package org.aisora.api.store;

import java.time.Instant;

/** A processor event applied once: (processor, eventId) is unique. Only ids, types and dates are kept. */
public record PaymentEventRecord(String processor, String eventId, String type, String accountId, String objectId,
                                 Instant receivedAt) {
}
