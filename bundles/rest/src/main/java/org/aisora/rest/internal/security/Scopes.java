package org.aisora.rest.internal.security;

import java.lang.reflect.Method;
import java.util.Optional;
import org.aisora.api.service.TokenScope;

/** Which scope a resource method needs: its own annotation first, then its class's. */
public final class Scopes {
    /** What an endpoint needs: a scope, nothing ({@link AnyScope}), or unknown (not annotated). */
    public sealed interface Need permits Scoped, Any, Unknown {
    }

    public record Scoped(TokenScope scope) implements Need {
    }

    public record Any() implements Need {
    }

    public record Unknown() implements Need {
    }

    private Scopes() {
    }

    public static Need of(Class<?> resourceClass, Method method) {
        if (method == null) {
            return new Unknown();
        }
        Optional<Need> own = of(method.getAnnotation(RequiresScope.class), method.isAnnotationPresent(AnyScope.class));
        if (own.isPresent()) {
            return own.get();
        }
        // the matched class first; the method's own class in case the runtime matched through a subclass or proxy
        for (Class<?> type : new Class<?>[] {resourceClass, method.getDeclaringClass()}) {
            Optional<Need> declared = type == null ? Optional.empty()
                    : of(type.getAnnotation(RequiresScope.class), type.isAnnotationPresent(AnyScope.class));
            if (declared.isPresent()) {
                return declared.get();
            }
        }
        return new Unknown();
    }

    private static Optional<Need> of(RequiresScope scoped, boolean any) {
        if (scoped != null) {
            return Optional.of(new Scoped(scoped.value()));
        }
        return any ? Optional.of(new Any()) : Optional.empty();
    }
}
