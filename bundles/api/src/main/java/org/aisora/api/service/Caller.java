package org.aisora.api.service;

/** The authenticated account behind a request or console command. */
public record Caller(String accountId, String email, String role) {
    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
