package org.aisora.providers.runway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;

class ShapesTest {
    private final List<String> problems = new ArrayList<>();
    private final Shapes shapes = Shapes.parse(new String[] {"1280:720", "720:1280", "1104:832", "832:1104",
                                                             "960:960", "1584:672"}, new int[] {10, 5}, problems);

    @Test
    void sizesPickTheClosestAspect() {
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("1280:720", shapes.nearest(1920, 1080).wire());
        assertEquals("1280:720", shapes.nearest(640, 360).wire());
        assertEquals("720:1280", shapes.nearest(1080, 1920).wire());
        assertEquals("960:960", shapes.nearest(512, 512).wire());
        assertEquals("1104:832", shapes.nearest(1024, 768).wire());
        assertEquals("832:1104", shapes.nearest(768, 1024).wire());
        assertEquals("1584:672", shapes.nearest(2560, 1080).wire(), "21:9");
        assertEquals("1584:672", shapes.nearest(4000, 10).wire(), "extreme sizes still get a ratio");
    }

    @Test
    void durationsRoundUpAndStopAtTheLongest() throws Exception {
        assertEquals(5, shapes.duration(0));
        assertEquals(5, shapes.duration(1));
        assertEquals(5, shapes.duration(5));
        assertEquals(10, shapes.duration(6));
        assertEquals(10, shapes.duration(10));
        assertEquals(ProviderException.INVALID_REQUEST,
                assertThrows(ProviderException.class, () -> shapes.duration(11)).code());
        assertEquals(10, shapes.maxDuration());
        assertEquals(1584, shapes.maxWidth());
        assertEquals(1280, shapes.maxHeight());
    }

    @Test
    void badEntriesAreProblemsNotGuesses() {
        List<String> found = new ArrayList<>();
        Shapes odd = Shapes.parse(new String[] {"16:9", "wide", "0:720"}, new int[] {0, 5, 5}, found);
        assertEquals("16:9", odd.nearest(1920, 1080).wire());
        assertEquals(5, odd.maxDuration());
        assertEquals(3, found.size(), found.toString());
        List<String> none = new ArrayList<>();
        Shapes fallback = Shapes.parse(new String[0], new int[0], none);
        assertEquals("1280:720", fallback.nearest(1, 1).wire());
        assertEquals(5, fallback.maxDuration());
        assertEquals(2, none.size(), none.toString());
    }
}
