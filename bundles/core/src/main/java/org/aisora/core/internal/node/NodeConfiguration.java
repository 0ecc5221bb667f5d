package org.aisora.core.internal.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * This node (PID org.aisora.core.node, file etc/org.aisora.core.node.cfg): its id in the leases it holds on jobs
 * and video processing. Read when the job engine and the video processor start.
 */
@ObjectClassDefinition(name = "AiSora node", description = "This node's identity among the nodes on one database")
public @interface NodeConfiguration {
    String PID = "org.aisora.core.node";

    @AttributeDefinition(description = "This node's id in the leases of jobs and video processing, unique per node,"
            + " at most 64 characters; empty: a random id per start")
    String node_id() default "";
}
