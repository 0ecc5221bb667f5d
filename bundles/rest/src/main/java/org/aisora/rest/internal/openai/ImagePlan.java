package org.aisora.rest.internal.openai;

import org.aisora.api.service.GenerationSubmission;

/** An OpenAI request in AiSora's terms: what to submit, and how to hand the image back. */
record ImagePlan(GenerationSubmission submission, ResponseFormat format) {
    enum ResponseFormat { B64_JSON, URL }
}
