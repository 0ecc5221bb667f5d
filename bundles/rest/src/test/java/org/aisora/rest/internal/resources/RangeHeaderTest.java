package org.aisora.rest.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RangeHeaderTest {
    @Test
    void parsesTheFormsBrowsersAndPlayersSend() throws Exception {
        assertEquals(new RangeHeader(0, 99), RangeHeader.parse("bytes=0-99", 1000));
        assertEquals(new RangeHeader(500, 999), RangeHeader.parse("bytes=500-", 1000));
        assertEquals(new RangeHeader(900, 999), RangeHeader.parse("bytes=-100", 1000));
        assertEquals(new RangeHeader(0, 999), RangeHeader.parse("bytes=-5000", 1000));
        assertEquals(new RangeHeader(990, 999), RangeHeader.parse("bytes=990-5000", 1000));
        assertEquals(100, RangeHeader.parse("bytes=0-99", 1000).length());
    }

    @Test
    void servesTheWholeBodyForWhatItDoesNotServe() throws Exception {
        assertNull(RangeHeader.parse(null, 1000));
        assertNull(RangeHeader.parse("bytes=0-1,5-6", 1000));
        assertNull(RangeHeader.parse("items=0-1", 1000));
        assertNull(RangeHeader.parse("bytes=9-3", 1000));
        assertNull(RangeHeader.parse("bytes=-", 1000));
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() {
        assertThrows(RangeHeader.Unsatisfiable.class, () -> RangeHeader.parse("bytes=1000-", 1000));
        assertThrows(RangeHeader.Unsatisfiable.class, () -> RangeHeader.parse("bytes=-0", 1000));
    }
}
