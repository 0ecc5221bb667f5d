package org.aisora.rest.internal.openai;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.rest.internal.openai.ImagePlan.ResponseFormat;

/**
 * Maps OpenAI's request fields onto a text-to-image submission. Only what OpenAI's fields mean is checked
 * here (n, the size syntax, response_format); prompt and size limits are the core's checks.
 */
final class ImageRequests {
    static final int DEFAULT_SIDE = 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    private ImageRequests() {
    }

    /**
     * @param providerIds the installed providers; a {@code model} naming one pins it, any other is ignored
     * @throws OpenAiException 400 for what AiSora cannot honour
     */
    static ImagePlan plan(ImageRequest request, Set<String> providerIds) {
        if (request == null) {
            throw new OpenAiException(OpenAiError.invalid("A JSON request body is required.", null, "missing_body"));
        }
        if (request.n() != null && request.n() != 1) {
            throw new OpenAiException(OpenAiError.invalid("Only n=1 is supported; got n=" + request.n() + ".", "n",
                    "invalid_n"));
        }
        int[] size = size(request.size());
        String model = request.model() == null ? null : request.model().trim();
        String provider = model != null && providerIds.contains(model) ? model : null;
        GenerationSubmission submission = new GenerationSubmission(GenerationType.TEXT_TO_IMAGE.wireName(),
                request.prompt(), null, null, size[0], size[1], null, null, provider);
        return new ImagePlan(submission, format(request.responseFormat()));
    }

    /** {@code WxH}; absent or {@code auto} is 1024x1024. The range is the core's to check. */
    static int[] size(String size) {
        if (size == null || size.isBlank() || size.trim().equals("auto")) {
            return new int[] {DEFAULT_SIDE, DEFAULT_SIDE};
        }
        Matcher m = SIZE.matcher(size.trim());
        if (!m.matches()) {
            throw new OpenAiException(OpenAiError.invalid("size must be WIDTHxHEIGHT in pixels, e.g. 1024x1024; got '"
                    + shorten(size) + "'.", "size", "invalid_size"));
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    static ResponseFormat format(String format) {
        if (format == null || format.equals("b64_json")) {
            return ResponseFormat.B64_JSON;
        }
        if (format.equals("url")) {
            return ResponseFormat.URL;
        }
        throw new OpenAiException(OpenAiError.invalid("response_format must be b64_json or url; got '"
                + shorten(format) + "'.", "response_format", "invalid_response_format"));
    }

    private static String shorten(String value) {
        String s = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
