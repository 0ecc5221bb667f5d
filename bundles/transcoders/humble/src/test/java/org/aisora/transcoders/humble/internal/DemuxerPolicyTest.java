package org.aisora.transcoders.humble.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humble.video.KeyValueBag;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemuxerPolicyTest {
    @Test
    void neverAllowsDemuxersThatOpenFurtherUrls() {
        DemuxerPolicy policy = new DemuxerPolicy(new String[] {" MP4 ", "hls", "concat", "image2", "", "bad-name"});
        assertEquals(Set.of("mp4"), policy.allowed());
        assertFalse(policy.accepts("hls,applehttp"));
        assertFalse(policy.accepts("concat"));
    }

    @Test
    void readsOneCommaSeparatedStringAsAPlainCfgFileGivesIt() {
        assertEquals(Set.of("mp4", "webm", "avi"), new DemuxerPolicy(new String[] {"mp4, webm avi"}).allowed());
    }

    @Test
    void matchesFfmpegsCommaNamesByAnyEntry() {
        DemuxerPolicy policy = new DemuxerPolicy(new String[] {"mp4", "webm"});
        assertTrue(policy.accepts("mov,mp4,m4a,3gp,3g2,mj2"));
        assertTrue(policy.accepts("matroska,webm"));
        assertFalse(policy.accepts("avi"));
        assertFalse(policy.accepts(null));
        assertFalse(policy.accepts(""));
    }

    @Test
    void openOptionsWhitelistTheFormatsAndKeepDrefsOff() {
        KeyValueBag options = new DemuxerPolicy(new String[] {"mp4"}).openOptions();
        assertEquals("mp4", options.getValue("format_whitelist"));
        assertEquals("0", options.getValue("enable_drefs"));
        assertEquals("none", new DemuxerPolicy(new String[0]).openOptions().getValue("format_whitelist"),
                "an empty list allows nothing, not everything");
    }
}
