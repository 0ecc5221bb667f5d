package org.aisora.providers.runway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskReaderTest {
    @ParameterizedTest
    @CsvSource({
        "SAFETY.INPUT.TEXT, content_policy_violation",
        "SAFETY.INPUT.IMAGE, content_policy_violation",
        "SAFETY.OUTPUT.VIDEO, content_policy_violation",
        "INPUT_PREPROCESSING.SAFETY.TEXT, content_policy_violation",
        "INPUT_PREPROCESSING.IMAGE_TOO_SMALL, provider_invalid_request",
        "INPUT_PREPROCESSING.INTERNAL, provider_failed",
        "INTERNAL.BAD_OUTPUT.CODE01, provider_failed",
        "INTERNAL, provider_failed",
        "ASSET.INVALID, provider_failed",
        "'', provider_failed"
    })
    void failureCodesMapToOurs(String runway, String ours) {
        ProviderTask task = TaskReader.failed("t", runway);
        assertEquals(ProviderTask.Status.FAILED, task.status());
        assertEquals(ours, task.errorCode());
    }

    @org.junit.jupiter.api.Test
    void aHostileFailureCodeIsSanitized() {
        ProviderTask task = TaskReader.failed("t", "SAFETY.<script>\r\nX-Injected: 1" + "A".repeat(200));
        assertEquals(ProviderException.CONTENT_POLICY, task.errorCode());
        assertFalse(task.errorMessage().contains("<"));
        assertFalse(task.errorMessage().contains("\n"));
        assertFalse(task.errorMessage().contains("A".repeat(65)));
    }
}
