package org.aisora.rest.internal.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint any caller may reach whatever its scopes: public ones (health, sign-up, sign-in, the OpenAPI
 * document) and sign-out, which answers an API token with 400 {@code not_a_session} by itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnyScope {
}
