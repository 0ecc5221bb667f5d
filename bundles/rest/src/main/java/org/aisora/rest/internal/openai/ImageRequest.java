package org.aisora.rest.internal.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenAI's image generation request. {@code quality}, {@code style} and {@code user} are read so they are
 * visibly accepted, and ignored; so is any field newer models add.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageRequest(String model, String prompt, Integer n, String size,
                           @JsonProperty("response_format") String responseFormat, String user, String quality,
                           String style) {
}
