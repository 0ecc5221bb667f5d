package org.aisora.api.service;

/**
 * A correction of one's own profile; a {@code null} field is left as it is. An empty contact clears it.
 * A new e-mail takes effect only once the code sent to it is verified.
 */
public record ProfileChange(String name, String email, String contact) {
}
