package org.aisora.transcoders.ffmpeg.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void defaultsAllowMp4AndMatroskaFamiliesOnly() {
        Settings settings = Settings.of(Configs.of(FfmpegConfig.class, Map.of()));
        assertTrue(settings.allows("mov,mp4,m4a,3gp,3g2,mj2"));
        assertTrue(settings.allows("matroska,webm"));
        for (String refused : new String[] {"hls", "concat", "image2", "srt", "mpegts", "flv", "avi", "image2pipe", "", null}) {
            assertFalse(settings.allows(refused), refused);
        }
        assertEquals(Duration.ofSeconds(1800), settings.maxDecode());
    }

    @Test
    void operatorListsAreTrimmedAndLowerCased() {
        Settings settings = Settings.of(Configs.of(FfmpegConfig.class,
                Map.of("allowed_demuxers", new String[] {" MP4 , webm", ""}, "max_decode_seconds", 2.5)));
        assertTrue(settings.allows("mov,mp4,m4a,3gp,3g2,mj2"));
        assertTrue(settings.allows("matroska,webm"));
        assertEquals(Duration.ofMillis(2500), settings.maxDecode());
    }

    @Test
    void aBoundMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Settings.of(Configs.of(FfmpegConfig.class, Map.of("max_decode_seconds", 0.0))));
    }
}
