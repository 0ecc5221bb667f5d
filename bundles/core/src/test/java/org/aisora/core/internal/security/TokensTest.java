package org.aisora.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void tokensCarryAtLeast128RandomBitsAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = Tokens.newToken();
            byte[] raw = Base64.getUrlDecoder().decode(token.substring(3));
            assertTrue(raw.length * 8 >= 128);
            assertTrue(seen.add(token));
        }
    }

    @Test
    void storedFormIsTheSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.sha256Hex("abc"));
    }
}
