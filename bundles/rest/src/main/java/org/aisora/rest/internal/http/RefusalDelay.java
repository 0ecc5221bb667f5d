package org.aisora.rest.internal.http;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tarpitting: a 429 to a request without credentials (a sign-in, a sign-up), and a 413 the guard gives such
 * a request for a body over its cap, is sent after a short delay,
 * with no thread waiting for it (the request is suspended, and one timer thread sends the answer). A
 * client that honours Retry-After loses nothing; a flood that does not is slowed to about one request per
 * connection per delay, so it stops taking the CPU that everyone else's requests need. At most
 * {@code maxPending} answers wait at once; past that, refusals go out at once.
 */
final class RefusalDelay {
    private static final Logger LOG = LoggerFactory.getLogger(RefusalDelay.class);

    private final ScheduledExecutorService timer;
    private final long delayMillis;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong delayed = new AtomicLong();

    RefusalDelay(ScheduledExecutorService timer, long delayMillis, int maxPending) {
        this.timer = timer;
        this.delayMillis = delayMillis;
        this.maxPending = maxPending;
    }

    /** Whether this request's answer is held back to see if it is a refusal to delay. */
    boolean applies(HttpServletRequest request) {
        return delayMillis > 0 && request.getHeader("Authorization") == null
                && "POST".equalsIgnoreCase(request.getMethod()) && request.isAsyncSupported();
    }

    /** How a refusal is written, now or later. */
    interface Send {
        void send() throws IOException;
    }

    /** Sends the answer now, or, for a 429, after the delay (at most the answer's own Retry-After). */
    void finish(HttpServletRequest request, HeldResponse response) throws IOException {
        long delay = response.getStatus() == 429 && response.holding() ? delayFor(response) : 0;
        later(request, response, delay, response::release);
    }

    /** A refusal written by the guard itself (a body over its cap): later, for a request this applies to. */
    void refuse(HttpServletRequest request, HttpServletResponse response, Send send) throws IOException {
        later(request, response, applies(request) ? delayMillis : 0, send);
    }

    private void later(HttpServletRequest request, HttpServletResponse response, long delay, Send send)
            throws IOException {
        if (delay <= 0 || pending.incrementAndGet() > maxPending) {
            if (delay > 0) {
                pending.decrementAndGet();
            }
            send.send();
            return;
        }
        AsyncContext async;
        try {
            async = request.startAsync(request, response);
        } catch (IllegalStateException notAsync) {
            pending.decrementAndGet();
            send.send();
            return;
        }
        async.setTimeout(delay + 30_000);
        delayed.incrementAndGet();
        timer.schedule(() -> {
            try {
                send.send();
            } catch (IOException | RuntimeException gone) {
                LOG.debug("a delayed refusal could not be sent: {}", gone.toString());
            } finally {
                pending.decrementAndGet();
                async.complete();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private long delayFor(HeldResponse response) {
        String retryAfter = response.getHeader("Retry-After");
        long cap = delayMillis;
        if (retryAfter != null) {
            try {
                cap = Math.min(cap, Long.parseLong(retryAfter.trim()) * 1000);
            } catch (NumberFormatException ignored) {
                // an HTTP date: the configured delay stands
            }
        }
        return cap;
    }

    int pending() {
        return pending.get();
    }

    /** Refusals delayed since start. */
    long delayed() {
        return delayed.get();
    }
}
