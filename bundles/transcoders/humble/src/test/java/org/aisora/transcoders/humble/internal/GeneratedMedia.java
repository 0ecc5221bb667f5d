package org.aisora.transcoders.humble.internal;

import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;
import io.humble.video.Coder;
import io.humble.video.Encoder;
import io.humble.video.KeyValueBag;
import io.humble.video.MediaAudio;
import io.humble.video.MediaPacket;
import io.humble.video.Muxer;
import io.humble.video.Rational;
import java.nio.file.Path;

/** Inputs the shared fixtures do not cover, made with humble itself so no ffmpeg CLI is needed. */
final class GeneratedMedia {
    private GeneratedMedia() {
    }

    /** One second of silent stereo AAC in an MP4, without any video stream. */
    static Path audioOnlyMp4(Path file) throws Exception {
        Muxer muxer = Muxer.make(file.toString(), null, "mp4");
        Encoder aac = Encoder.make(Codec.findEncodingCodecByName("aac"));
        aac.setSampleRate(44_100);
        aac.setChannels(2);
        aac.setChannelLayout(AudioChannel.Layout.CH_LAYOUT_STEREO);
        aac.setSampleFormat(AudioFormat.Type.SAMPLE_FMT_FLTP);
        aac.setTimeBase(Rational.make(1, 44_100));
        aac.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
        KeyValueBag options = KeyValueBag.make();
        options.setValue("strict", "experimental");
        aac.open(options, null);
        muxer.addNewStream(aac);
        muxer.open(null, null);
        MediaAudio samples = MediaAudio.make(1024, 44_100, 2, AudioChannel.Layout.CH_LAYOUT_STEREO,
                AudioFormat.Type.SAMPLE_FMT_FLTP);
        samples.setTimeBase(Rational.make(1, 44_100));
        MediaPacket packet = MediaPacket.make();
        for (long at = 0; at < 44_100; at += 1024) {
            samples.setTimeStamp(at);
            samples.setComplete(true);
            aac.encodeAudio(packet, samples);
            if (packet.isComplete()) {
                muxer.write(packet, true);
            }
        }
        do {
            aac.encodeAudio(packet, null);
            if (packet.isComplete()) {
                muxer.write(packet, true);
            }
        } while (packet.isComplete());
        muxer.close();
        return file;
    }
}
