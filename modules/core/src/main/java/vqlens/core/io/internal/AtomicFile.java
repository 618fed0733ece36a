package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written atomically: bytes go to a hidden temp file beside the target (same directory, so the
 * rename cannot cross file systems); {@link #commit} forces them to disk and renames the temp file over
 * the target in one step. Readers of the target see the old file or the new one, never a mix.
 *
 * <p>Lifecycle: {@link #create} opens the temp file; {@link #close} after a commit does nothing, without
 * one it deletes the temp file and leaves the target untouched. Not thread-safe.
 */
public final class AtomicFile implements ByteSink, AutoCloseable {
    private final Origin origin;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private long position;
    private boolean done;

    private AtomicFile(Origin origin, Path target, Path temp, FileChannel channel) {
        this.origin = origin;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    public static AtomicFile create(Path target) {
        Origin origin = Origin.of(target);
        if (Files.isDirectory(target)) {
            throw origin.fail("is a directory, cannot write a file there");
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw origin.fail("not a file path");
        }
        if (!Files.isDirectory(dir)) {
            throw origin.fail("cannot write: directory " + dir + " does not exist");
        }
        for (int attempt = 0; ; attempt++) {
            // Hidden and unique; CREATE_NEW (not createTempFile) keeps the umask's permissions for the target.
            Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new AtomicFile(origin, absolute, temp, channel);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw origin.io("create a temp file", e);
                }
            } catch (IOException e) {
                throw origin.io("create a temp file", e);
            }
        }
    }

    /** Bytes written so far (the offset of the next one). */
    public long position() {
        return position;
    }

    @Override
    public void write(ByteBuffer src) {
        checkOpen();
        try {
            while (src.hasRemaining()) {
                position += channel.write(src, position);
            }
        } catch (IOException e) {
            throw origin.io("write", e);
        }
    }

    /** Overwrites already written bytes (e.g. a ZIP header's CRC once the data is known). */
    public void writeAt(long at, ByteBuffer src) {
        checkOpen();
        if (at < 0 || at + src.remaining() > position) {
            throw new IllegalArgumentException("patch at " + at + " beyond the " + position + " bytes written");
        }
        try {
            long p = at;
            while (src.hasRemaining()) {
                p += channel.write(src, p);
            }
        } catch (IOException e) {
            throw origin.io("write", e);
        }
    }

    /** Forces the data to disk, closes the temp file and renames it over the target. */
    public void commit() {
        checkOpen();
        try {
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw origin.fail("cannot replace the file atomically on this file system");
            }
        } catch (IOException e) {
            throw origin.io("write", e);
        }
        done = true;
        syncDirectory();
    }

    /** Without a commit: deletes the temp file; the target keeps its old content (or stays absent). */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        FileOpening.closeQuietly(channel);
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A leftover hidden temp file is harmless; the caller is already handling a failure.
        }
    }

    // The rename is durable only once the directory entry is on disk; not all systems allow this (best effort).
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The data itself is already forced; only the rename's durability is at stake.
        }
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("temp file for " + target + " is already committed or closed");
        }
    }
}
