package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a ZIP archive of STORED (uncompressed) entries into an {@link AtomicFile}, the layout
 * {@code numpy.savez} produces. Sizes are declared up front; the CRC-32, known only after the data, is
 * patched into the local header afterwards, so no data descriptors are needed. Entries and the archive
 * stay below 4 GiB (no ZIP64), which codebooks (at most 1 GiB) always do. Does not own the file.
 */
public final class StoredZipWriter {
    private static final long MAX_ZIP32 = 0xfffffffeL;
    // 1980-01-01 00:00, the DOS epoch: fixed so the same codebooks always give the same bytes.
    private static final short DOS_TIME = 0;
    private static final short DOS_DATE = (1 << 5) | 1;
    private static final short VERSION = 20;

    private record Written(byte[] name, int crc, long size, long localOffset) {
    }

    private final Origin origin;
    private final AtomicFile file;
    private final List<Written> entries = new ArrayList<>();
    private EntrySink current;

    public StoredZipWriter(Origin origin, AtomicFile file) {
        this.origin = origin;
        this.file = file;
    }

    /** Starts an entry of exactly {@code size} bytes; write them to the returned sink, then {@link #closeEntry}. */
    public ByteSink beginEntry(String name, long size) {
        if (current != null) {
            throw new IllegalStateException("entry " + new String(current.name, StandardCharsets.UTF_8) + " is still open");
        }
        byte[] rawName = name.getBytes(StandardCharsets.UTF_8);
        if (size < 0 || file.position() + size > MAX_ZIP32 || rawName.length > 0xffff) {
            throw origin.fail("member " + name + " of " + size + " bytes does not fit a ZIP archive without ZIP64");
        }
        long localOffset = file.position();
        ByteBuffer header = ByteBuffer.allocate(30 + rawName.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x04034b50).putShort(VERSION).putShort((short) 0).putShort((short) 0)
                .putShort(DOS_TIME).putShort(DOS_DATE)
                .putInt(0) // CRC-32, patched in closeEntry
                .putInt((int) size).putInt((int) size)
                .putShort((short) rawName.length).putShort((short) 0).put(rawName);
        file.write(header.flip());
        current = new EntrySink(rawName, size, localOffset);
        return current;
    }

    /** Checks the entry got its declared size and patches its CRC-32 into the local header. */
    public void closeEntry() {
        EntrySink entry = current;
        if (entry == null) {
            throw new IllegalStateException("no open entry");
        }
        if (entry.written != entry.size) {
            throw new IllegalStateException("entry got " + entry.written + " of " + entry.size + " bytes");
        }
        int crc = (int) entry.crc.getValue();
        file.writeAt(entry.localOffset + 14, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc).flip());
        entries.add(new Written(entry.name, crc, entry.size, entry.localOffset));
        current = null;
    }

    /** Writes the central directory and the end record; the caller then commits the file. */
    public void finish() {
        if (current != null) {
            throw new IllegalStateException("an entry is still open");
        }
        long cdOffset = file.position();
        for (Written e : entries) {
            ByteBuffer h = ByteBuffer.allocate(46 + e.name.length).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0x02014b50).putShort(VERSION).putShort(VERSION).putShort((short) 0).putShort((short) 0)
                    .putShort(DOS_TIME).putShort(DOS_DATE).putInt(e.crc).putInt((int) e.size).putInt((int) e.size)
                    .putShort((short) e.name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) e.localOffset).put(e.name);
            file.write(h.flip());
        }
        long cdSize = file.position() - cdOffset;
        if (file.position() > MAX_ZIP32 || entries.size() > 0xfffe) {
            throw origin.fail("archive too large for a ZIP without ZIP64");
        }
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size())
                .putInt((int) cdSize).putInt((int) cdOffset).putShort((short) 0);
        file.write(end.flip());
    }

    /** Counts and checksums the bytes of one entry on their way to the file. */
    private final class EntrySink implements ByteSink {
        private final byte[] name;
        private final long size;
        private final long localOffset;
        private final CRC32 crc = new CRC32();
        private long written;

        EntrySink(byte[] name, long size, long localOffset) {
            this.name = name;
            this.size = size;
            this.localOffset = localOffset;
        }

        @Override
        public void write(ByteBuffer src) {
            if (current != this) {
                throw new IllegalStateException("entry is closed");
            }
            if (src.remaining() > size - written) {
                throw new IllegalStateException("entry overflows its declared " + size + " bytes");
            }
            written += src.remaining();
            crc.update(src.duplicate());
            file.write(src);
        }
    }
}
