package org.aisora.rest.internal.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.aisora.api.service.TokenScope;

/**
 * The scope an API token needs for an endpoint: on a resource method, or on its class for every method there.
 * {@link AuthFilter} refuses a token without it (403 {@code insufficient_scope}); sign-in sessions hold every
 * scope of their role. Every resource method has one, or {@link AnyScope} (ScopesTest checks it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    TokenScope value();
}
