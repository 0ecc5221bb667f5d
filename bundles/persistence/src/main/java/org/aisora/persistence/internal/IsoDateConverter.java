package org.aisora.persistence.internal;

import java.time.LocalDate;
import javax.persistence.AttributeConverter;
import javax.persistence.Converter;

/** Dates travel as ISO-8601 strings, so no driver or session time zone can shift a birth date by a day. */
@Converter
public final class IsoDateConverter implements AttributeConverter<LocalDate, String> {
    @Override
    public String convertToDatabaseColumn(LocalDate date) {
        return date == null ? null : date.toString();
    }

    @Override
    public LocalDate convertToEntityAttribute(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }
}
