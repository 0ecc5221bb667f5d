package org.aisora.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Registration;
import org.junit.jupiter.api.Test;

class RegistrationValidatorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    private static Registration born(String date) {
        return new Registration("Ann", "ann@example.org", null, "long enough pw", date, "v1");
    }

    @Test
    void ageIsCountedInWholeYears() {
        assertEquals(13, RegistrationValidator.age(LocalDate.of(2013, 11, 29), TODAY));
        assertEquals(12, RegistrationValidator.age(LocalDate.of(2013, 11, 30), TODAY));
    }

    @Test
    void birthDatesMustBePlausibleIsoDates() {
        for (String bad : new String[] {null, "", "29/11/2000", "2027-01-01", "1800-01-01", "2000-02-30"}) {
            assertEquals("invalid_birth_date", assertThrows(AisoraException.class,
                    () -> RegistrationValidator.birthDate(born(bad), TODAY)).code(), String.valueOf(bad));
        }
        assertEquals(LocalDate.of(2000, 2, 29), RegistrationValidator.birthDate(born("2000-02-29"), TODAY));
    }

    @Test
    void normalisesAndChecksFields() {
        assertEquals("ann@example.org", RegistrationValidator.email("  Ann@Example.ORG "));
        assertEquals("invalid_email", assertThrows(AisoraException.class, () -> RegistrationValidator.email("ann@localhost")).code());
        assertEquals("invalid_email", assertThrows(AisoraException.class, () -> RegistrationValidator.email("a b@x.org")).code());
        assertEquals("invalid_name", assertThrows(AisoraException.class, () -> RegistrationValidator.name(" ")).code());
        assertEquals("invalid_name", assertThrows(AisoraException.class, () -> RegistrationValidator.name("a\u0000b")).code());
        assertEquals("invalid_password", assertThrows(AisoraException.class, () -> RegistrationValidator.password("short")).code());
        assertNull(RegistrationValidator.contact("  "));
    }
}
