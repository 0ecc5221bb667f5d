package org.aisora.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAtOwaspParameters() {
        String hash = hasher.hash("correct horse battery");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains("correct horse"));
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String hash = hasher.hash("correct horse battery");
        assertTrue(hasher.verify("correct horse battery", hash));
        assertFalse(hasher.verify("correct horse batterY", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(hasher.hash("same password!"), hasher.hash("same password!"));
    }

    @Test
    void malformedStoredHashesNeverVerify() {
        assertFalse(hasher.verify("x", null));
        assertFalse(hasher.verify("x", "plain"));
        assertFalse(hasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=zz,t=2,p=1$AAAA$AAAA"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=8,t=1,p=1$!!!$AAAA"));
    }

    @Test
    void aDecoyCostsAVerificationAndMatchesNothing() {
        String decoy = hasher.decoy();
        assertTrue(decoy.startsWith("$argon2id$v=19$m=" + PasswordHasher.MEMORY_KIB + ",t=" + PasswordHasher.ITERATIONS
                + ",p=" + PasswordHasher.PARALLELISM + "$"), decoy);
        assertEquals(hasher.hash("x").length(), decoy.length(), "salt and hash of a real one's sizes");
        assertFalse(hasher.verify("", decoy));
        assertNotEquals(decoy, hasher.decoy());
    }
}
