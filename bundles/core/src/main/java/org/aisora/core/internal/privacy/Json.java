package org.aisora.core.internal.privacy;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The JSON of the export and of the receipts, written and read by Jackson: maps (in their own order, or sorted by
 * key for the canonical form a receipt's hash covers), lists, strings, numbers, booleans, null, instants and dates
 * (ISO-8601 strings). {@link #parse} reads back what {@link #write} wrote.
 *
 * <p>The text is byte for byte what the platform wrote before it used Jackson (JsonBytesTest), so receipts stored
 * then and now hash alike: control characters other than tab, line feed and carriage return as lower-case
 * {@code \\u00xx} escapes, {@code /} and non-ASCII characters as they are, integral numbers (even a
 * {@code double} like 5.0) without a fraction, NaN and infinities as null. Sorted means {@link String#compareTo}
 * at every depth; a {@code SortedMap} given in is taken in its own order (Jackson's rule), so only natural-order
 * TreeMaps go into the canonical form.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new Escapes())
                    // the export writes into an open ZIP entry: flushing is ours, closing is the caller's
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule("aisora-privacy-json")
                    .addSerializer(Number.class, new Numbers())
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance))
            .build();
    private static final ObjectWriter CANONICAL = MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** Streams {@code value} into {@code out} (flushed, left open), in the maps' own order. */
    public static void write(Object value, Writer out) throws IOException {
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            MAPPER.writeValue(generator, value);
        }
    }

    /** Sorted keys, no spaces: the same value always gives the same text. */
    public static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + e.getOriginalMessage(), e);
        }
    }

    /** Objects become LinkedHashMaps, arrays Lists, numbers Longs (or Doubles with a fraction or exponent). */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Longs and ints as they are; any other number through its double: integral without a fraction, else Java's. */
    private static final class Numbers extends StdSerializer<Number> {
        private static final long serialVersionUID = 1L;

        Numbers() {
            super(Number.class);
        }

        @Override
        public void serialize(Number n, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (n instanceof Long || n instanceof Integer) {
                g.writeNumber(n.longValue());
                return;
            }
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                g.writeNull();
            } else if (d == Math.rint(d)) {
                g.writeNumber((long) d);
            } else {
                g.writeNumber(d);
            }
        }
    }

    /** Jackson's escapes, but {@code \b}, {@code \f} and the other controls as {@code \\u00xx} in lower case. */
    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();
        private final SerializableString[] controls = new SerializableString[0x20];

        Escapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    ascii[c] = ESCAPE_CUSTOM;
                    controls[c] = new SerializedString(String.format("\\u%04x", c));
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? controls[ch] : null;
        }
    }
}
