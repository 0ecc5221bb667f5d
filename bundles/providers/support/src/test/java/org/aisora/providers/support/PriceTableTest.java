package org.aisora.providers.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    @Test
    void priceTableBySizeByTypeAndPerSecond() {
        PriceTable table = PriceTable.parse(new String[] {"text-to-image:1024x1024=40000", "text-to-image=20000",
                "image-to-video:per-second=50000", "nonsense"});
        assertEquals(1, table.problems().size());
        assertEquals(40000, table.costMicros(new GenerationRequest("j", GenerationType.TEXT_TO_IMAGE, "p", null,
                1024, 1024, 0, 1)));
        assertEquals(20000, table.costMicros(new GenerationRequest("j", GenerationType.TEXT_TO_IMAGE, "p", null,
                512, 512, 0, 1)));
        assertEquals(250000, table.costMicros(new GenerationRequest("j", GenerationType.IMAGE_TO_VIDEO, "p", null,
                512, 512, 5, 1)));
        assertEquals(0, table.costMicros(new GenerationRequest("j", GenerationType.UPSCALE, "p", null, 512, 512, 0, 1)));
    }
}
