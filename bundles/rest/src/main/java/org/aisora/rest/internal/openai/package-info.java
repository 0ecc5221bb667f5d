/**
 * An OpenAI-compatible front door: clients written for OpenAI's Images API use AiSora by changing only the
 * base URL to {@code https://<host>/api/v1/openai/v1} and the API key to an AiSora session token.
 *
 * <p>Its resources live in the {@code api/v1} application (same token filter and JSON provider) and turn
 * every failure into an {@link org.aisora.rest.internal.openai.OpenAiException}, which its own mapper
 * answers in OpenAI's error shape. A second JAX-RS application at {@code /openai/v1} was tried first: with
 * two applications the Aries whiteboard 2.0.2 in Karaf 4.4 failed random resources of either one at boot
 * ("There is an endpoint already running on /"), so there is one application. It holds no logic beyond
 * mapping: credits, moderation, routing and retention are the core's, through {@code GenerationService}
 * and {@code MediaService}.
 *
 * <ul>
 * <li>{@code POST /images/generations}: submitted as text-to-image, then waited for (up to
 * 120 s; on timeout the job is canceled, its hold released, and the answer is a
 * 503 {@code generation_timeout}). {@code n} must be 1 (or absent); {@code size} is {@code WxH} or
 * {@code auto} (= 1024x1024, the default) and must pass the core's size checks; {@code response_format}
 * is {@code b64_json} (default) or {@code url} (an absolute signed URL under {@code /api/v1/media},
 * valid 3600 s, capped by the core). {@code quality}, {@code style},
 * {@code user} and unknown fields are ignored. {@code model} pins a provider only when it equals the id of
 * an installed provider (as listed by {@code GET /models}); any other value (e.g. {@code dall-e-3}) is
 * ignored and the core routes as usual. The bytes are the provider's (the built-in provider makes PNG).
 * An {@code Idempotency-Key} header is passed to the core.</li>
 * <li>{@code GET /models}, {@code GET /models/{id}}: the installed generation providers.</li>
 * </ul>
 *
 * <p>Errors are {@code {"error":{"message","type","param","code"}}} with OpenAI's statuses: 401
 * {@code invalid_api_key}; 400 {@code invalid_request_error}; insufficient credits is OpenAI's own
 * 429 {@code insufficient_quota} (not 402), so existing client handling applies; a prompt or output
 * refused by moderation is 400 {@code content_policy_violation}; failures are 500/503 {@code server_error}.
 * Errors a retry cannot fix carry {@code x-should-retry: false}, which OpenAI's SDKs obey.
 */
package org.aisora.rest.internal.openai;
