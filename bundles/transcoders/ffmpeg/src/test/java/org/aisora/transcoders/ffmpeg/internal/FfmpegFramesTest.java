package org.aisora.transcoders.ffmpeg.internal;

import java.util.Map;
import org.aisora.api.testing.Configs;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.TranscoderFramesContract;

class FfmpegFramesTest extends TranscoderFramesContract {
    private static final Transcoder TRANSCODER = new FfmpegTranscoder(Configs.of(FfmpegConfig.class, Map.of()));

    @Override
    protected Transcoder transcoder() {
        return TRANSCODER;
    }
}
