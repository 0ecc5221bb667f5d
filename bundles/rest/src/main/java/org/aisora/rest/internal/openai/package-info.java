/**
 * An OpenAI-compatible front door: clients written for OpenAI's Images API use AiSora by changing only the
 * base URL to {@code https://<host>/openai/v1} and the API key to an AiSora session token.
 *
 * <p>It is a second JAX-RS application (base {@code openai/v1}) with its own JSON provider, bearer-token
 * filter (the same {@code AccountService.authenticate} the {@code api/v1} filter uses) and error mappers,
 * so both APIs keep their own error shape. It holds no logic beyond mapping: credits, moderation, routing
 * and retention are the core's, through {@code GenerationService} and {@code MediaService}.
 *
 * <ul>
 * <li>{@code POST /images/generations}: submitted as text-to-image, then waited for (up to
 * {@code wait_seconds}, default 120; on timeout the job is canceled, its hold released, and the answer is a
 * 503 {@code generation_timeout}). {@code n} must be 1 (or absent); {@code size} is {@code WxH} or
 * {@code auto} (= 1024x1024, the default) and must pass the core's size checks; {@code response_format}
 * is {@code b64_json} (default) or {@code url} (an absolute signed URL under {@code /api/v1/media},
 * valid {@code url_ttl_seconds}, default 3600, capped by the core). {@code quality}, {@code style},
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
