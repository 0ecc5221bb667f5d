package org.aisora.persistence.internal;

import javax.persistence.EntityManager;

/** Replaces an account id by its pseudonym in text columns, inside the caller's transaction. */
final class Pseudonyms {
    private Pseudonyms() {
    }

    /**
     * @param table and column come from this bundle's code only, never from a caller
     * @return rows changed
     */
    static int replace(EntityManager em, String table, String column, String accountId, String pseudonym) {
        return em.createNativeQuery("UPDATE " + table + " SET " + column + " = REPLACE(" + column + ", ?, ?) WHERE "
                        + column + " LIKE ?")
                .setParameter(1, accountId).setParameter(2, pseudonym).setParameter(3, like(accountId))
                .executeUpdate();
    }

    /** Account ids are UUIDs (no LIKE wildcards); anything else is refused rather than escaped. */
    static String like(String accountId) {
        if (accountId == null || !accountId.matches("[A-Za-z0-9-]{8,64}")) {
            throw new IllegalArgumentException("not an account id");
        }
        return "%" + accountId + "%";
    }
}
