package org.aisora.core.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Configuration annotations with their defaults, some overridden. */
public final class TestConfig {
    private TestConfig() {
    }

    public static CoreConfiguration core(Map<String, Object> overrides) {
        return of(CoreConfiguration.class, overrides);
    }

    /** Any DS configuration annotation: what DS builds from a .cfg file. */
    public static <A extends Annotation> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(),
                new Class<?>[] {type}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return type;
                    }
                    if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == Annotation.class) {
                        return method.getName().equals("toString") ? "TestConfig" + overrides : null;
                    }
                    Object value = overrides.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                }));
    }
}
