package org.aisora.rest.internal.openai;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationService;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaContent;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.SignedUrl;

/** The core's two services as the front door sees them: a scripted job life and stored bytes. */
final class FakeCore {
    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    final List<GenerationSubmission> submitted = new ArrayList<>();
    final List<String> submittedKeys = new ArrayList<>();
    final List<String> canceled = new ArrayList<>();
    final List<Duration> signedTtls = new ArrayList<>();
    final Map<String, byte[]> bytes = new HashMap<>();
    /** What successive reads of the job return; the last one repeats. */
    final Deque<GenerationView> script = new ArrayDeque<>();
    RuntimeException onSubmit;
    /** When set, a cancel is refused as too late and the job reads as this from then on. */
    GenerationView finishedBeforeCancel;
    int reads;

    final GenerationService generations = new Generations();
    final MediaService media = new Media();

    static GenerationView job(String status, List<MediaView> outputs) {
        return new GenerationView("job-1", "text-to-image", status, "a red kite", 1024, 1024, 7, "builtin", 20, outputs,
                null, CREATED, null, null, CREATED.plusSeconds(3600));
    }

    static MediaView image(String id, String type) {
        return new MediaView(id, "generated", type, 3, 1024, 1024, 0, 0, null, "ready", 100, null, "job-1", null,
                List.of(), CREATED, null);
    }

    private final class Generations implements GenerationService {
        @Override
        public GenerationView submit(Caller caller, GenerationSubmission submission, String idempotencyKey) {
            submitted.add(submission);
            submittedKeys.add(idempotencyKey);
            if (onSubmit != null) {
                throw onSubmit;
            }
            return job("queued", List.of());
        }

        @Override
        public GenerationView get(Caller caller, String id) {
            reads++;
            return script.size() > 1 ? script.poll() : script.peek();
        }

        @Override
        public GenerationView cancel(Caller caller, String id) {
            canceled.add(id);
            script.clear();
            if (finishedBeforeCancel != null) {
                script.add(finishedBeforeCancel);
                throw AisoraException.conflict("job_finished", "the job already ended as " + finishedBeforeCancel.status());
            }
            script.add(job("canceled", List.of()));
            return script.peek();
        }

        @Override
        public List<GenerationView> list(Caller caller, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<GenerationView> recent(int limit) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Media implements MediaService {
        @Override
        public MediaContent content(Caller caller, String id) {
            byte[] content = bytes.get(id);
            if (content == null) {
                throw AisoraException.notFound("media");
            }
            return new MediaContent() {
                @Override
                public String contentType() {
                    return "image/png";
                }

                @Override
                public long length() {
                    return content.length;
                }

                @Override
                public String etag() {
                    return "e";
                }

                @Override
                public String fileName() {
                    return id + ".png";
                }

                @Override
                public InputStream open() {
                    return new ByteArrayInputStream(content);
                }
            };
        }

        @Override
        public SignedUrl sign(Caller caller, String id, String variant, Duration ttl) {
            signedTtls.add(ttl);
            return new SignedUrl("/media/" + id + "/" + variant + "?expires=99&sig=s1g", CREATED.plus(ttl));
        }

        @Override
        public MediaView upload(Caller caller, InputStream body, String declaredType, long declaredLength) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MediaView> list(Caller caller, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Caller caller, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MediaView get(Caller caller, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MediaContent thumbnail(Caller caller, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MediaContent signedContent(String id, String variant, long expiresEpochSecond, String signature) {
            throw new UnsupportedOperationException();
        }
    }
}
