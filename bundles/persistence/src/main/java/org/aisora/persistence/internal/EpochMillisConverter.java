package org.aisora.persistence.internal;

import java.time.Instant;
import javax.persistence.AttributeConverter;
import javax.persistence.Converter;

/** Instants travel as BIGINT epoch millis: no time-zone or TIMESTAMP-precision differences between databases. */
@Converter
public final class EpochMillisConverter implements AttributeConverter<Instant, Long> {
    @Override
    public Long convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    @Override
    public Instant convertToEntityAttribute(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
