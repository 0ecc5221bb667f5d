package org.aisora.storage.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The few file moves the store relies on for durability and for secrets written once. */
public final class FileOps {
    /** '~' is not allowed in keys, so a temp file can never be mistaken for (or collide with) a blob. */
    public static final String TEMP_PREFIX = ".put~";

    private FileOps() {
    }

    /**
     * Writes {@code content} to {@code target} only if no file is there yet, race-free across threads and
     * processes: the bytes go to a private temp file (0600 where the file system is POSIX) that is then
     * hard-linked to the target, which fails when another writer won. Readers never see a partial file.
     *
     * @return false when the target already existed (and was left as it was)
     */
    public static boolean createOnce(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // no hard links on this file system: a move that refuses to replace (checked, then renamed)
                try {
                    Files.move(temp, target);
                } catch (FileAlreadyExistsException lost) {
                    return false;
                }
            }
            syncDirectory(dir);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates a directory readable by the owner only where the file system knows POSIX permissions. */
    public static Path privateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(dir.getParent());
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another writer
        }
        return dir;
    }

    /** Makes a rename or unlink durable; not every platform can open a directory, and then the OS decides. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort only
        }
    }

    /**
     * Removes {@code dir} and the folders under it that hold no file, deepest first; a folder that still holds
     * a file (or gains one meanwhile) stays, so a concurrent writer loses nothing.
     */
    public static void removeEmptyDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(dir)) {
            folders = walk.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path folder : folders) {
            try {
                Files.deleteIfExists(folder);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // a file is (still, or again) there: the folder stays
            }
        }
    }
}
