package org.aisora.core.internal.node;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's id in the leases it holds (jobs, video processing): the configured {@code node.id}, or a random id
 * when none is set. A random id is new with each start of the engine that asked for it, so leases a crashed
 * process left behind are never mistaken for this start's and are taken over only once they run out.
 */
public final class NodeIds {
    /** The lease columns hold this many characters. */
    public static final int MAX = 64;
    private static final Logger LOG = LoggerFactory.getLogger(NodeIds.class);

    private NodeIds() {
    }

    public static String resolve(String configured) {
        String id = configured == null ? "" : configured.trim();
        if (id.length() > MAX) {
            LOG.warn("node.id is longer than {} characters; a random id is used", MAX);
            id = "";
        }
        return id.isEmpty() ? UUID.randomUUID().toString() : id;
    }
}
