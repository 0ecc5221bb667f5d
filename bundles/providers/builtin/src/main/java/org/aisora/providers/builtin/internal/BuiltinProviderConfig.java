package org.aisora.providers.builtin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the built-in renderer (PID org.aisora.providers.builtin); all optional. */
@ObjectClassDefinition(name = "AiSora built-in provider",
        description = "Offline renderer: a deterministic abstract PNG from prompt and seed, never touches the network")
public @interface BuiltinProviderConfig {
    String PID = "org.aisora.providers.builtin";

    @AttributeDefinition(description = "Widest image accepted, pixels (1..2048)")
    int max_width() default BuiltinProvider.LIMIT;

    @AttributeDefinition(description = "Tallest image accepted, pixels (1..2048)")
    int max_height() default BuiltinProvider.LIMIT;

    @AttributeDefinition(description = "Higher ranked providers are preferred when several can serve a job")
    int service_ranking() default 0;
}
