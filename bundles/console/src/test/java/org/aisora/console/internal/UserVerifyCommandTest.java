package org.aisora.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.EmailVerificationService;
import org.aisora.api.service.Registration;
import org.aisora.api.service.SessionGrant;
import org.junit.jupiter.api.Test;

/**
 * What aisora:user-verify does and prints: it asks the core to verify the account (the core posts the grant; that is
 * EmailVerificationFlowContract's), says when an account was verified already, and refuses an unknown address.
 */
class UserVerifyCommandTest {
    /** Accounts by e-mail with their verified flag; the core's own service is tested in core. */
    static final class Accounts implements AccountService, EmailVerificationService {
        final Map<String, Boolean> verified = new HashMap<>();
        final List<String> verifiedByOperator = new ArrayList<>();

        @Override
        public AccountView findByEmail(String email) {
            Boolean v = verified.get(email);
            if (v == null) {
                throw AisoraException.notFound("account");
            }
            return new AccountView("id-" + email, "N", email, null, "user", "free", "v1", Instant.EPOCH, v);
        }

        @Override
        public AccountView verifyByOperator(String email) {
            findByEmail(email);
            verifiedByOperator.add(email);
            verified.put(email, true);
            return findByEmail(email);
        }

        @Override
        public AccountView verify(Caller caller, String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resend(Caller caller) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AccountView register(Registration registration, ClientInfo client) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SessionGrant login(String email, String password, ClientInfo client) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Caller> authenticate(String bearerToken) {
            return Optional.empty();
        }

        @Override
        public void logout(String bearerToken) {
        }

        @Override
        public AccountView me(Caller caller) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AccountView> list(int offset, int limit) {
            return List.of();
        }

        @Override
        public AccountView setRole(String email, String role) {
            throw new UnsupportedOperationException();
        }
    }

    private static String run(Accounts core, String email) {
        UserVerifyCommand command = new UserVerifyCommand();
        command.accounts = core;
        command.verifications = core;
        command.email = email;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void verifiesAnUnverifiedAccountAndSaysWhenItWasVerifiedAlready() {
        Accounts core = new Accounts();
        core.verified.put("ann@example.org", false);

        assertEquals("ann@example.org is verified: it may generate, upload and buy, and got its sign-up grant",
                run(core, "ann@example.org"));
        assertEquals(List.of("ann@example.org"), core.verifiedByOperator);
        assertTrue(core.verified.get("ann@example.org"));

        assertEquals("ann@example.org was verified already: nothing changed", run(core, "ann@example.org"));
    }

    @Test
    void anUnknownAddressIsNotFound() {
        Accounts core = new Accounts();
        AisoraException e = assertThrows(AisoraException.class, () -> run(core, "nobody@example.org"));
        assertEquals(404, e.kind().status());
        assertTrue(core.verifiedByOperator.isEmpty());
    }
}
