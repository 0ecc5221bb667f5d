package org.aisora.api.service;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Portability and erasure: an account's data as one ZIP, and account deletion with a receipt that proves
 * what was deleted (counts per category, hash-chained to the previous receipt, no personal data in it).
 */
@ProviderType
public interface PrivacyService {
    /** Why an account was erased, recorded in its receipt. */
    enum Reason {
        USER_REQUEST("user_request"), ADMIN_REQUEST("admin_request"), UNDER_MINIMUM_AGE("under_minimum_age");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** The media type of {@link #export}. */
    String EXPORT_TYPE = "application/zip";

    /**
     * Streams the caller's export (a ZIP of JSON files and {@code media/}) to {@code out}; nothing is held in
     * memory beyond one entry's buffer. The caller closes {@code out}.
     */
    void export(Caller caller, OutputStream out, ClientInfo client) throws IOException;

    /** The console's export of any account. @throws org.aisora.api.error.AisoraException 404 for an unknown e-mail */
    void exportByEmail(String email, OutputStream out) throws IOException;

    /**
     * The caller deletes their own account. It needs the account's password, or, without one, a session
     * token created within the last ten minutes ({@code bearerToken} is the one the request carried).
     *
     * @throws org.aisora.api.error.AisoraException 403 {@code invalid_password} for a wrong password, 403
     *         {@code reauthentication_required} without password and fresh session; nothing changes then
     */
    DeletionReceiptView deleteAccount(Caller caller, String password, String bearerToken, ClientInfo client);

    /**
     * An administrator deletes an account (also to finish a deletion that was interrupted: running it again
     * completes it). @throws org.aisora.api.error.AisoraException 404 for an unknown e-mail
     */
    DeletionReceiptView deleteByEmail(String email, Reason reason);

    /**
     * A receipt, without authentication, while it is retrievable (30 days).
     * @throws org.aisora.api.error.AisoraException 404 when unknown, malformed or expired
     */
    DeletionReceiptView receipt(String id);

    /** Every receipt's chain link checks out (each hash over its content and the previous hash). */
    ChainVerification verifyReceiptChain();

    /** The JSON Schema (draft 2020-12) the export's JSON files follow, version {@code v1}. */
    String exportSchema();

    /** The result of {@link #verifyReceiptChain()}. @param firstBrokenId null when the chain is intact */
    record ChainVerification(long receipts, String headHash, String firstBrokenId) {
        public boolean intact() {
            return firstBrokenId == null;
        }
    }
}
