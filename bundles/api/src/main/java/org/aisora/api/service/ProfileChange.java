package org.aisora.api.service;

/**
 * A correction of one's own profile; a {@code null} field is left as it is. An empty contact clears it.
 * A new e-mail takes effect only once the code sent to it is verified, and asking for it needs the current
 * password ({@code currentPassword}, since 1.8; unused for the other fields).
 */
public record ProfileChange(String name, String email, String contact, String currentPassword) {
    /** A change without the current password: enough for the name and contact. */
    public ProfileChange(String name, String email, String contact) {
        this(name, email, contact, null);
    }

    @Override
    public String toString() {
        return "ProfileChange[name=" + name + ", email=" + email + ", contact=" + contact + "]";
    }
}
