package org.aisora.transcoders.ffmpeg.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * FFmpeg's interrupt callback, which its I/O polls while it blocks: it answers "stop" once the call's
 * deadline has passed, so a stalled open or read ends with AVERROR_EXIT. JavaCPP gives each callback
 * class a small fixed number of native thunks, so one callback serves every call and finds the call's
 * deadline by the opaque pointer FFmpeg hands back.
 */
final class Interrupts {
    private static final Map<Long, Deadline> ACTIVE = new ConcurrentHashMap<>();

    private Interrupts() {
    }

    /** Registers a deadline until the returned token is closed. */
    static Token register(Deadline deadline) {
        Token token = new Token(new LongPointer(1));
        ACTIVE.put(token.opaque.address(), deadline);
        return token;
    }

    static final class Token implements AutoCloseable {
        private final LongPointer opaque;

        private Token(LongPointer opaque) {
            this.opaque = opaque;
        }

        /** Points the context's interrupt callback (a struct inside the context) at this token. */
        void install(AVIOInterruptCB callback) {
            callback.callback(Hook.INSTANCE).opaque(opaque);
        }

        @Override
        public void close() {
            ACTIVE.remove(opaque.address());
            opaque.close();
        }
    }

    private static final class Hook extends AVIOInterruptCB.Callback_Pointer {
        /** Created on first use, after the natives are loaded; never deallocated (one native thunk). */
        static final Hook INSTANCE = new Hook();

        @Override
        public int call(Pointer opaque) {
            Deadline deadline = opaque == null ? null : ACTIVE.get(opaque.address());
            return deadline != null && deadline.passed() ? 1 : 0;
        }
    }
}
