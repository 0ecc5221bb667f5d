package org.aisora.core.internal.accounts;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Registration;

/** Checks a registration field by field; every failure names the field in its code. */
final class RegistrationValidator {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 256;

    private RegistrationValidator() {
    }

    static LocalDate birthDate(Registration r, LocalDate today) {
        if (r.birthDate() == null || r.birthDate().isBlank()) {
            throw AisoraException.badRequest("invalid_birth_date", "birthDate is required (yyyy-MM-dd)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(r.birthDate().trim());
        } catch (DateTimeParseException e) {
            throw AisoraException.badRequest("invalid_birth_date", "birthDate must be an ISO date (yyyy-MM-dd)");
        }
        if (date.isAfter(today) || date.isBefore(today.minusYears(150))) {
            throw AisoraException.badRequest("invalid_birth_date", "birthDate is not a plausible date of birth");
        }
        return date;
    }

    static int age(LocalDate birthDate, LocalDate today) {
        return Period.between(birthDate, today).getYears();
    }

    static String email(String raw) {
        String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw AisoraException.badRequest("invalid_email", "email is not a valid address");
        }
        return email;
    }

    static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw AisoraException.badRequest("invalid_name", "name must be 1 to 100 printable characters");
        }
        return name;
    }

    static String contact(String raw) {
        String contact = raw == null ? "" : raw.strip();
        if (contact.length() > 200 || contact.chars().anyMatch(Character::isISOControl)) {
            throw AisoraException.badRequest("invalid_contact", "contact must be at most 200 printable characters");
        }
        return contact.isEmpty() ? null : contact;
    }

    static String password(String raw) {
        if (raw == null || raw.length() < MIN_PASSWORD || raw.length() > MAX_PASSWORD) {
            throw AisoraException.badRequest("invalid_password",
                    "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        return raw;
    }
}
