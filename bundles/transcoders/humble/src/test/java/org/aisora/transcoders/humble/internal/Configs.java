package org.aisora.transcoders.humble.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a config annotation the way DS does: given values, else the annotation's defaults. */
final class Configs {
    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString", "hashCode", "equals" -> throw new UnsupportedOperationException(method.getName());
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                }));
    }
}
