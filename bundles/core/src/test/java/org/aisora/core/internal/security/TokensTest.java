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
    void apiTokensAre256BitsOfUrlSafeBase64BehindTheirOwnPrefixAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = Tokens.newApiToken();
            assertTrue(token.startsWith(Tokens.API_PREFIX) && Tokens.isApiToken(token));
            String body = token.substring(Tokens.API_PREFIX.length());
            assertEquals(43, body.length(), token);
            assertTrue(body.matches("[A-Za-z0-9_-]{43}"), token);
            assertEquals(32, Base64.getUrlDecoder().decode(body).length);
            assertTrue(seen.add(token));
        }
        assertTrue(!Tokens.isApiToken(Tokens.newToken()), "sessions and API tokens are told apart");
    }

    @Test
    void apiTokenBitsAreNotBiased() {
        // 2,000 tokens x 256 bits: each bit position set about half the time (a constant or counter fails)
        int[] ones = new int[256];
        int n = 2000;
        for (int i = 0; i < n; i++) {
            byte[] raw = Base64.getUrlDecoder().decode(Tokens.newApiToken().substring(Tokens.API_PREFIX.length()));
            for (int bit = 0; bit < 256; bit++) {
                ones[bit] += (raw[bit / 8] >> (bit % 8)) & 1;
            }
        }
        for (int bit = 0; bit < 256; bit++) {
            assertTrue(ones[bit] > n * 0.40 && ones[bit] < n * 0.60, "bit " + bit + " set " + ones[bit] + " times");
        }
    }

    @Test
    void storedFormIsTheSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.sha256Hex("abc"));
    }
}
