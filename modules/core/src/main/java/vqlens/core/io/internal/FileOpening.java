package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens files for reading with one-line problems instead of raw I/O exceptions. */
public final class FileOpening {
    private FileOpening() {
    }

    /** Opens {@code file} for positional reads; the caller owns (closes) the channel. */
    public static FileChannel openForReading(Origin origin) {
        Path file = origin.file();
        // Linux lets a directory be opened for reading; the first read would fail with a vaguer message.
        if (Files.isDirectory(file)) {
            throw origin.fail("is a directory, not a file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw origin.io("open", e);
        }
    }

    public static long size(Origin origin, FileChannel channel) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw origin.io("read the file size", e);
        }
    }

    /** Closes without throwing: used on paths that already report a problem, or after reading is done. */
    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Nothing was written through it, so nothing can be lost.
        }
    }
}
