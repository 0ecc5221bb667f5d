package org.aisora.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisora.api.error.AisoraException;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.media.upload.MediaFormat;
import org.aisora.core.internal.media.upload.UploadInspection;
import org.aisora.storage.filesystem.internal.FilesystemBlobStore;
import org.aisora.storage.filesystem.internal.FilesystemStoreConfig;
import org.aisora.transcoders.ffmpeg.internal.FfmpegConfig;
import org.aisora.transcoders.ffmpeg.internal.FfmpegTranscoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The video limits checked after the probe, with the real FFmpeg transcoder and a real store. */
class VideoUploadsTest {
    private static final Transcoder FFMPEG = new FfmpegTranscoder(TestConfig.of(FfmpegConfig.class, Map.of()));

    @TempDir
    Path work;

    private List<MediaRecord> store(VideoUploads.Limits limits, FilesystemBlobStore store) throws Exception {
        Path spool = work.resolve("upload.part");
        try (InputStream in = getClass().getResourceAsStream("/org/aisora/api/transcode/h264_aac_320x240_25fps.mp4")) {
            Files.copy(in, spool);
        }
        List<MediaRecord> rows = new ArrayList<>();
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        VideoUploads.store("owner", "id-1", spool, new UploadInspection(MediaFormat.MP4, 0, 0, Files.size(spool)), FFMPEG,
                limits, store, 64, now, now.plusSeconds(60), rows);
        return rows;
    }

    private FilesystemBlobStore blobs() {
        return new FilesystemBlobStore(TestConfig.of(FilesystemStoreConfig.class, Map.of("root", work.resolve("blobs").toString())));
    }

    /** Blob files, not the store's own key and id files (dot files and store.id). */
    private long storedBlobs() throws Exception {
        Path root = work.resolve("blobs");
        if (!Files.exists(root)) {
            return 0;
        }
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith(".") && !p.contains("/.") && !p.equals("store.id")).count();
        }
    }

    @Test
    void withinEveryLimitTheVideoAndItsPosterAreStored() throws Exception {
        List<MediaRecord> rows = store(new VideoUploads.Limits(10, 1000, 2, java.time.Duration.ofSeconds(60)), blobs());
        assertEquals(2, rows.size(), "the video and its poster thumbnail");
        assertEquals(2, storedBlobs(), "two blobs on disk");
        assertEquals("processing", rows.get(0).status());
    }

    @Test
    void eachLimitHasItsOwnCodeAndNothingIsStored() throws Exception {
        Object[][] cases = {
            {new VideoUploads.Limits(10, 1000, 1, java.time.Duration.ofSeconds(60)), "too_many_streams"},
            {new VideoUploads.Limits(1, 1000, 4, java.time.Duration.ofSeconds(60)), "video_too_long"},
            {new VideoUploads.Limits(10, 300, 4, java.time.Duration.ofSeconds(60)), "video_resolution_exceeded"},
        };
        for (Object[] c : cases) {
            FilesystemBlobStore store = blobs();
            AisoraException e = assertThrows(AisoraException.class, () -> store((VideoUploads.Limits) c[0], store));
            assertEquals(c[1], e.code());
            assertEquals(422, e.kind().status());
            assertEquals(0, storedBlobs(), c[1] + ": nothing is stored");
            Files.deleteIfExists(work.resolve("upload.part"));
        }
    }
}
