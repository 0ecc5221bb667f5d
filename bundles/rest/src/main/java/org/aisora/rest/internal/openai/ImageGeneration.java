package org.aisora.rest.internal.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationService;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.SignedUrl;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.openai.ImagePlan.ResponseFormat;

/**
 * OpenAI's call is synchronous, AiSora's jobs are not: submit through the core, read the job until it
 * ends (or cancel it after {@code wait}, which releases its hold), then hand the stored output back.
 */
final class ImageGeneration {
    /** Longer than any image the core accepts; a guard against reading a video into memory. */
    static final int MAX_IMAGE_BYTES = 64 * 1024 * 1024;
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "rejected", "canceled");
    private static final long FIRST_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 1000;

    /** How the wait pauses; tests advance a fake clock instead of sleeping. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final GenerationService generations;
    private final MediaService media;
    private final Duration wait;
    private final Duration urlTtl;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    ImageGeneration(GenerationService generations, MediaService media, Duration wait, Duration urlTtl,
                    LongSupplier nanoTime, Sleeper sleeper) {
        this.generations = generations;
        this.media = media;
        this.wait = wait;
        this.urlTtl = urlTtl;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** @param openAiBase the request's base URI ({@code .../openai/v1/}), for absolute signed URLs */
    ImagesResponse generate(Caller caller, ImagePlan plan, String idempotencyKey, URI openAiBase) {
        GenerationView job = await(caller, generations.submit(caller, plan.submission(), idempotencyKey));
        if (!"succeeded".equals(job.status())) {
            throw new OpenAiException(OpenAiErrors.fromJob(job));
        }
        List<ImagesResponse.Image> data = new ArrayList<>();
        for (MediaView output : job.outputs()) {
            if (output.contentType() != null && output.contentType().startsWith("image/")) {
                data.add(plan.format() == ResponseFormat.URL ? ImagesResponse.Image.url(url(caller, output, openAiBase))
                        : ImagesResponse.Image.b64(base64(caller, output)));
            }
        }
        if (data.isEmpty()) {
            throw new OpenAiException(OpenAiError.server(500, "The generation produced no image.", "no_image_output"));
        }
        return new ImagesResponse(job.createdAt().getEpochSecond(), data);
    }

    private GenerationView await(Caller caller, GenerationView submitted) {
        long deadline = nanoTime.getAsLong() + wait.toNanos();
        long pause = FIRST_PAUSE_MS;
        GenerationView job = submitted;
        while (!TERMINAL.contains(job.status())) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                return giveUp(caller, job.id());
            }
            try {
                sleeper.sleep(Math.max(1, Math.min(pause, Duration.ofNanos(left).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return giveUp(caller, job.id());
            }
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
            job = generations.get(caller, job.id());
        }
        return job;
    }

    /** Cancels so nothing stays held; if the job ended meanwhile, that ending is the answer. */
    private GenerationView giveUp(Caller caller, String jobId) {
        try {
            generations.cancel(caller, jobId);
        } catch (AisoraException e) {
            GenerationView now = generations.get(caller, jobId);
            if (TERMINAL.contains(now.status()) && !"canceled".equals(now.status())) {
                return now;
            }
        }
        throw new OpenAiException(OpenAiErrors.timeout(wait));
    }

    private String base64(Caller caller, MediaView output) {
        try (InputStream in = media.content(caller, output.id()).open()) {
            byte[] bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
            if (bytes.length > MAX_IMAGE_BYTES) {
                throw new OpenAiException(OpenAiError.server(500, "The image is too large to return inline; use "
                        + "response_format=url.", "image_too_large"));
            }
            return Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading output " + output.id(), e);
        }
    }

    private String url(Caller caller, MediaView output, URI openAiBase) {
        SignedUrl signed = media.sign(caller, output.id(), MediaService.CONTENT, urlTtl);
        return apiBase(openAiBase) + signed.path();
    }

    /**
     * The {@code api/v1} base next to this application's base, keeping scheme, host and any prefix in
     * front of it: {@code http://h/x/openai/v1/} gives {@code http://h/x/api/v1}.
     */
    static String apiBase(URI openAiBase) {
        String base = openAiBase.toString().replaceFirst("/+$", "");
        if (base.endsWith("/" + AisoraApplication.BASE)) {
            return base; // the front door is served by the api/v1 application itself
        }
        String own = "/openai/v1";
        if (base.endsWith(own)) {
            return base.substring(0, base.length() - own.length()) + "/" + AisoraApplication.BASE;
        }
        return openAiBase.resolve("/").toString() + AisoraApplication.BASE;
    }
}
