package org.aisora.rest.internal.openai;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the OpenAI-compatible API (PID org.aisora.rest.openai, file etc/org.aisora.rest.openai.cfg). */
@ObjectClassDefinition(name = "AiSora OpenAI-compatible API", description = "The /openai/v1 front door")
public @interface OpenAiConfig {
    String PID = "org.aisora.rest.openai";

    @AttributeDefinition(description = "How long POST /images/generations waits for its job; then the job is canceled, s")
    long wait_seconds() default 120;

    @AttributeDefinition(description = "Lifetime of URLs returned for response_format=url (the core caps it), s")
    long url_ttl_seconds() default 3600;
}
