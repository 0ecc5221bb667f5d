package org.aisora.transcoders.ffmpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GeometryTest {
    @Test
    void displaySizeFollowsRotationAndPixelAspect() {
        assertEquals(new Geometry.Size(320, 240), Geometry.display(320, 240, 0, 1, 0));
        assertEquals(new Geometry.Size(240, 320), Geometry.display(320, 240, 1, 1, 90));
        assertEquals(new Geometry.Size(320, 240), Geometry.display(320, 240, 1, 1, 180));
        // anamorphic DVD: 720x576 stored, 16:9 shown
        assertEquals(new Geometry.Size(1024, 576), Geometry.display(720, 576, 64, 45, 0));
    }

    @Test
    void renditionIsEvenAndNeverUpscaled() {
        assertEquals(new Geometry.Size(1280, 720), Geometry.rendition(new Geometry.Size(1920, 1080), 720));
        assertEquals(new Geometry.Size(854, 480), Geometry.rendition(new Geometry.Size(1920, 1080), 480));
        assertEquals(new Geometry.Size(320, 240), Geometry.rendition(new Geometry.Size(320, 240), 720));
        assertEquals(new Geometry.Size(320, 240), Geometry.rendition(new Geometry.Size(321, 241), 720));
        assertEquals(new Geometry.Size(406, 720), Geometry.rendition(new Geometry.Size(1080, 1920), 720));
    }

    @Test
    void chainTurnsBeforeScaling() {
        assertEquals("transpose=clock,scale=180:240:flags=bicubic,setsar=1,format=yuv420p",
                Geometry.chain(90, new Geometry.Size(180, 240), "yuv420p"));
        assertEquals("scale=320:240:flags=bicubic,setsar=1,format=yuvj420p",
                Geometry.chain(0, new Geometry.Size(320, 240), "yuvj420p"));
    }
}
