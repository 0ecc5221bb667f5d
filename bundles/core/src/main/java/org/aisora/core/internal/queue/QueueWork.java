package org.aisora.core.internal.queue;

import java.util.Optional;

/** What one leased queue does with a claimed row; {@link QueueRunner} does the claiming and settling. */
public interface QueueWork<R> {
    /** The row's work at its plugin, recording the row done when it succeeds. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    String id(R row);

    /** Attempts so far, this one counted (a claim counts it). */
    int attempts(R row);

    /** The plugin a row is for, as log lines name it. */
    String target(R row);

    /** The row's work; empty when its plugin is not installed now (the row then waits, the attempt uncounted). */
    Optional<Work> work(R row, String node);

    /** The error code a failed attempt stores: the plugin's own code, or the queue's code for the unexpected. */
    String errorCode(Exception e);

    /** The code a row waiting for a plugin that is not installed stores. */
    String notInstalled();

    /** True when an attempt that failed so will not do better later: the row is failed at once. */
    default boolean givesUp(String errorCode) {
        return false;
    }

    /** A plugin's error code, unless missing or too long to be a code: then {@code unexpected}. */
    static String code(String code, String unexpected) {
        return code == null || code.length() > 100 ? unexpected : code;
    }
}
