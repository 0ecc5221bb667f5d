package org.aisora.api.service;

/** What a person submits to register; every field is checked by the core. birthDate is ISO yyyy-MM-dd. */
public record Registration(String name, String email, String contact, String password, String birthDate,
                           String acceptedPolicyVersion) {
    @Override
    public String toString() {
        return "Registration[email=" + email + "]"; // never log the password
    }
}
