package org.aisora.rest.internal.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's images response: {@code {"created": <unix s>, "data": [{"b64_json": ...} | {"url": ...}]}}. */
public record ImagesResponse(long created, List<Image> data) {
    public ImagesResponse {
        data = List.copyOf(data);
    }

    /** One image: exactly one of the two fields is set, the other is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(@JsonProperty("b64_json") String b64Json, String url) {
        static Image b64(String base64) {
            return new Image(base64, null);
        }

        static Image url(String url) {
            return new Image(null, url);
        }
    }
}
