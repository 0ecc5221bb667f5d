package org.aisora.providers.support;

import java.util.concurrent.Semaphore;
import org.aisora.api.provider.ProviderException;

/**
 * The configured maximum of calls in flight to one vendor account. A full gate answers at once with a
 * retryable {@code provider_rate_limited}, so the core moves on to another provider instead of waiting.
 */
public final class ConcurrencyGate {
    private final Semaphore permits;
    private final String vendor;

    public ConcurrencyGate(String vendor, int maxConcurrency) {
        this.vendor = vendor;
        this.permits = new Semaphore(Math.max(1, maxConcurrency));
    }

    public interface Call<T> {
        T run() throws ProviderException;
    }

    public <T> T call(Call<T> call) throws ProviderException {
        if (!permits.tryAcquire()) {
            throw new ProviderException(ProviderException.RATE_LIMITED,
                    vendor + " already has its configured maximum of calls in flight", true);
        }
        try {
            return call.run();
        } finally {
            permits.release();
        }
    }
}
