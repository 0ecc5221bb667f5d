package org.aisora.rest.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class UnexpectedErrorMapperTest {
    private final UnexpectedErrorMapper mapper = new UnexpectedErrorMapper();

    @Test
    void aDeadlockThatOutlastedTheRetriesIsA503WithRetryAfter() {
        // as Hibernate wraps MariaDB's "Deadlock found when trying to get lock" (1213, SQL state 40001)
        RuntimeException deadlock = new IllegalStateException("OptimisticLockException", new RuntimeException(
                "could not execute statement",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213)));
        Response r = mapper.toResponse(deadlock);
        assertEquals(503, r.getStatus());
        assertEquals("1", r.getHeaderString("Retry-After"));
    }

    @Test
    void anythingElseIsA500WithoutRetryAfter() {
        Response r = mapper.toResponse(new IllegalStateException("a bug",
                new SQLException("syntax error", "42000", 1064)));
        assertEquals(500, r.getStatus());
        assertEquals(null, r.getHeaderString("Retry-After"));
    }
}
