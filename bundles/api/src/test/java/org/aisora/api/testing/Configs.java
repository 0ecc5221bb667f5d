package org.aisora.api.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a component's configuration annotation the way DS does from a .cfg file: the given values
 * (keyed by method name), else the annotation's defaults. Shared by every bundle's tests (api test-jar).
 */
public final class Configs {
    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                }));
    }
}
