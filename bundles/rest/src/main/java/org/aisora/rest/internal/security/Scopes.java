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
        Class<?> type = resourceClass != null ? resourceClass : method.getDeclaringClass();
        return of(type.getAnnotation(RequiresScope.class), type.isAnnotationPresent(AnyScope.class))
                .orElse(new Unknown());
    }

    private static Optional<Need> of(RequiresScope scoped, boolean any) {
        if (scoped != null) {
            return Optional.of(new Scoped(scoped.value()));
        }
        return any ? Optional.of(new Any()) : Optional.empty();
    }
}
