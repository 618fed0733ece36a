package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A ZIP archive (an {@code .npz}) read from its central directory over a {@link ByteRegion} (a file,
 * whose channel the caller owns, or bytes in memory). The end-of-central-directory search is bounded
 * to the last 64 KiB + 22 bytes; ZIP64 records are understood; every offset and size is checked against
 * the file before anything is allocated. {@link #open} yields a member's bytes: stored members as a
 * window of the file, deflated ones inflated (small ones at once, large ones on demand); both are
 * CRC-32 checked.
 */
public final class ZipArchive {

    /** One central directory entry; sizes and offsets already validated against the archive. */
    public record Entry(String name, byte[] rawName, int flags, int method, int crc, long compressedSize,
                        long size, long localHeaderOffset, long centralHeaderOffset) {
        public boolean encrypted() {
            return (flags & 1) != 0;
        }

        /** General purpose flag bit 3: CRC and sizes follow the data in a data descriptor. */
        public boolean hasDataDescriptor() {
            return (flags & 8) != 0;
        }
    }

    private static final int EOCD = 0x06054b50;
    private static final int EOCD_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int ZIP64_EOCD_SIZE = 56;
    private static final int CENTRAL = 0x02014b50;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL = 0x04034b50;
    private static final int LOCAL_SIZE = 30;
    private static final int MAX_COMMENT = 0xffff;
    /**
     * Refused before allocating; an .npz of a few arrays needs a few hundred bytes, a torch.save checkpoint about 60
     * per storage (16 MiB: some 270,000 storages, beyond the largest models' state_dicts with optimizer states).
     */
    public static final int MAX_CENTRAL_DIRECTORY = 1 << 24;

    private final Origin origin;
    private final ByteRegion source;
    private final long centralDirectoryOffset;
    private final List<Entry> entries;

    private ZipArchive(Origin origin, ByteRegion source, long centralDirectoryOffset, List<Entry> entries) {
        this.origin = origin;
        this.source = source;
        this.centralDirectoryOffset = centralDirectoryOffset;
        this.entries = entries;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry called {@code name}, or {@code null}. */
    public Entry find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    /** Reads and validates the central directory of an {@code .npz}. */
    public static ZipArchive read(Origin origin, ByteRegion source) {
        return read(origin, source, "an NPZ (ZIP) archive");
    }

    /**
     * Reads and validates the central directory; {@code what} names the kind of archive expected, for the message
     * when the file is none (e.g. {@code "a PyTorch checkpoint (ZIP archive)"}).
     */
    public static ZipArchive read(Origin origin, ByteRegion source, String what) {
        long fileSize = source.size();
        if (fileSize < EOCD_SIZE) {
            throw notZip(origin, source, fileSize, what, "only " + fileSize + " bytes");
        }
        int tailSize = (int) Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
        ByteBuffer tail = read(origin, source, fileSize - tailSize, tailSize);
        int at = -1;
        int trailing = -1;
        for (int i = tailSize - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                int end = i + EOCD_SIZE + (tail.getShort(i + 20) & 0xffff);
                if (end == tailSize) {
                    at = i;
                    break;
                }
                if (end < tailSize && trailing < 0) {
                    trailing = tailSize - end;
                }
            }
        }
        if (at < 0) {
            throw notZip(origin, source, fileSize, what, trailing > 0
                    ? trailing + " unexpected bytes after the end-of-central-directory record"
                    : "no end-of-central-directory record in its last " + tailSize + " bytes");
        }
        long eocdOffset = fileSize - tailSize + at;
        int disk = tail.getShort(at + 4) & 0xffff;
        int cdDisk = tail.getShort(at + 6) & 0xffff;
        long diskEntries = tail.getShort(at + 8) & 0xffff;
        long count = tail.getShort(at + 10) & 0xffff;
        long cdSize = tail.getInt(at + 12) & 0xffffffffL;
        long cdOffset = tail.getInt(at + 16) & 0xffffffffL;
        long cdEnd = eocdOffset;
        boolean saturated = count == 0xffff || diskEntries == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL;
        // Writers such as torch.save (miniz) put a ZIP64 end record and locator before every end record, also when
        // nothing is saturated; like Python's zipfile, the ZIP64 record's values then count.
        ByteBuffer z = zip64EndRecord(origin, source, eocdOffset, saturated);
        if (z != null) {
            long zDisk = z.getInt(16) & 0xffffffffL;
            long zCdDisk = z.getInt(20) & 0xffffffffL;
            long zDiskEntries = z.getLong(24);
            long zCount = z.getLong(32);
            long zCdSize = z.getLong(40);
            long zCdOffset = z.getLong(48);
            if (!saturated && (zCount != count || zCdSize != cdSize || zCdOffset != cdOffset)) {
                throw origin.fail("corrupt ZIP archive: its ZIP64 end record (" + Long.toUnsignedString(zCount) + " entries, "
                        + Long.toUnsignedString(zCdSize) + " bytes of central directory at " + Long.toUnsignedString(zCdOffset)
                        + ") disagrees with its end record (" + count + " entries, " + cdSize + " bytes at " + cdOffset + ")");
            }
            disk = (int) Math.min(zDisk, Integer.MAX_VALUE);
            cdDisk = (int) Math.min(zCdDisk, Integer.MAX_VALUE);
            diskEntries = zDiskEntries;
            count = zCount;
            cdSize = zCdSize;
            cdOffset = zCdOffset;
            cdEnd = z.getLong(56);
        }
        if (disk != 0 || cdDisk != 0 || diskEntries != count) {
            throw origin.fail("multi-part (spanned) ZIP archives are not supported");
        }
        if (cdSize < 0 || cdOffset < 0 || cdSize > cdEnd || cdOffset != cdEnd - cdSize) {
            throw origin.fail("corrupt or truncated ZIP archive: central directory of " + Long.toUnsignedString(cdSize)
                    + " bytes at offset " + Long.toUnsignedString(cdOffset) + " does not end where its end record starts ("
                    + cdEnd + ")");
        }
        if (cdSize > MAX_CENTRAL_DIRECTORY) {
            throw origin.fail("ZIP central directory of " + cdSize + " bytes exceeds the limit of " + MAX_CENTRAL_DIRECTORY);
        }
        if (count < 0 || count > cdSize / CENTRAL_SIZE) {
            throw origin.fail("ZIP archive declares " + Long.toUnsignedString(count) + " entries but its central directory ("
                    + cdSize + " bytes) holds at most " + cdSize / CENTRAL_SIZE);
        }
        ByteBuffer cd = read(origin, source, cdOffset, (int) cdSize);
        return new ZipArchive(origin, source, cdOffset, parseEntries(origin, cd, (int) count, cdOffset));
    }

    private static List<Entry> parseEntries(Origin origin, ByteBuffer cd, int count, long cdOffset) {
        List<Entry> entries = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        int p = 0;
        for (int n = 0; n < count; n++) {
            if (p > cd.limit() - CENTRAL_SIZE || cd.getInt(p) != CENTRAL) {
                throw origin.fail("corrupt ZIP central directory (entry " + (n + 1) + " of " + count + ")");
            }
            int flags = cd.getShort(p + 8) & 0xffff;
            int method = cd.getShort(p + 10) & 0xffff;
            int crc = cd.getInt(p + 16);
            long csize = cd.getInt(p + 20) & 0xffffffffL;
            long size = cd.getInt(p + 24) & 0xffffffffL;
            int nameLength = cd.getShort(p + 28) & 0xffff;
            int extraLength = cd.getShort(p + 30) & 0xffff;
            int commentLength = cd.getShort(p + 32) & 0xffff;
            int diskStart = cd.getShort(p + 34) & 0xffff;
            long localOffset = cd.getInt(p + 42) & 0xffffffffL;
            int next = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
            if (next > cd.limit()) {
                throw origin.fail("corrupt ZIP central directory (entry " + (n + 1) + " runs past its end)");
            }
            byte[] rawName = new byte[nameLength];
            cd.get(p + CENTRAL_SIZE, rawName);
            String name = new String(rawName, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String shown = "'" + PyLiteralParser.shorten(name) + "'";
            // ZIP64: fields saturated at 0xFFFFFFFF come, in this order, from the extra field with id 1.
            int e = p + CENTRAL_SIZE + nameLength;
            int extraEnd = e + extraLength;
            while (e <= extraEnd - 4) {
                int id = cd.getShort(e) & 0xffff;
                int length = cd.getShort(e + 2) & 0xffff;
                int q = e + 4;
                if (q + length > extraEnd) {
                    throw origin.fail("corrupt extra field of ZIP entry " + shown);
                }
                if (id == 1) {
                    long[] values = {size, csize, localOffset, diskStart};
                    long[] saturated = {0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffff};
                    for (int i = 0; i < 4; i++) {
                        if (values[i] != saturated[i]) {
                            continue;
                        }
                        int width = i == 3 ? 4 : 8;
                        if (q + width > e + 4 + length) {
                            throw origin.fail("corrupt ZIP64 extra field of entry " + shown);
                        }
                        values[i] = width == 8 ? cd.getLong(q) : cd.getInt(q) & 0xffffffffL;
                        q += width;
                    }
                    size = values[0];
                    csize = values[1];
                    localOffset = values[2];
                    diskStart = (int) values[3];
                }
                e += 4 + length;
            }
            if (diskStart != 0) {
                throw origin.fail("multi-part (spanned) ZIP archives are not supported");
            }
            if (localOffset < 0 || localOffset > cdOffset - LOCAL_SIZE) {
                throw origin.fail("ZIP entry " + shown + " starts at offset " + Long.toUnsignedString(localOffset)
                        + ", outside the archive's " + cdOffset + " data bytes");
            }
            if (csize < 0 || csize > cdOffset - localOffset - LOCAL_SIZE) {
                throw origin.fail("ZIP entry " + shown + " declares " + Long.toUnsignedString(csize)
                        + " compressed bytes but the archive holds only " + (cdOffset - localOffset - LOCAL_SIZE)
                        + " after its start (truncated or corrupt)");
            }
            if (size < 0) {
                throw origin.fail("ZIP entry " + shown + " declares an absurd size of " + Long.toUnsignedString(size) + " bytes");
            }
            if (!names.add(name)) {
                throw origin.fail("duplicate ZIP entry " + shown);
            }
            entries.add(new Entry(name, rawName, flags, method, crc, csize, size, localOffset, cdOffset + p));
            p = next;
        }
        return List.copyOf(entries);
    }

    /**
     * The uncompressed bytes of {@code entry}, CRC-checked. A stored entry is a window of the file (valid
     * while the source is open) checked now; a deflated one is inflated into memory (up to 1 MiB, checked
     * now) or on demand (checked when its last byte is read: read all of it before using it).
     *
     * @param maxSize largest uncompressed size the caller can use; larger entries are refused unread
     */
    public ByteRegion open(Entry entry, long maxSize) {
        String shown = "ZIP entry '" + PyLiteralParser.shorten(entry.name()) + "'";
        if (entry.encrypted()) {
            throw origin.fail(shown + " is encrypted, which is not supported");
        }
        if (entry.method() != 0 && entry.method() != 8) {
            throw origin.fail(shown + " uses compression method " + entry.method()
                    + " (supported: 0 = stored, 8 = deflated)");
        }
        if (entry.size() > maxSize) {
            throw origin.fail(shown + " declares " + entry.size() + " bytes, more than the " + maxSize
                    + " this member can take");
        }
        long dataStart = dataStart(entry);
        if (entry.method() == 0) {
            if (entry.compressedSize() != entry.size()) {
                throw origin.fail(shown + " is stored but declares " + entry.size() + " bytes and "
                        + entry.compressedSize() + " stored bytes");
            }
            ByteRegion region = source.slice(dataStart, entry.size());
            ZipEntryData.checkCrc(origin, entry, shown, ZipEntryData.crcOf(origin, region));
            return region;
        }
        return ZipEntryData.inflate(origin, source, entry, shown, dataStart);
    }

    /**
     * The ZIP64 end record (its 56 bytes, then at 56 its own offset as a long) named by a locator right before the
     * end record, or {@code null} if there is none. A locator that points nowhere sensible is corrupt when the end
     * record needs it (saturated fields), and otherwise taken for bytes of the central directory that happen to look
     * like one.
     */
    private static ByteBuffer zip64EndRecord(Origin origin, ByteRegion source, long eocdOffset, boolean needed) {
        long locator = eocdOffset - ZIP64_LOCATOR_SIZE;
        if (locator < 0) {
            return null;
        }
        ByteBuffer loc = read(origin, source, locator, ZIP64_LOCATOR_SIZE);
        if (loc.getInt(0) != ZIP64_LOCATOR) {
            return null;
        }
        long zip64Offset = loc.getLong(8);
        if (zip64Offset < 0 || zip64Offset > locator - ZIP64_EOCD_SIZE) {
            if (!needed) {
                return null;
            }
            throw origin.fail("corrupt ZIP64 end record offset " + Long.toUnsignedString(zip64Offset));
        }
        ByteBuffer z = read(origin, source, zip64Offset, ZIP64_EOCD_SIZE);
        if (z.getInt(0) != ZIP64_EOCD) {
            if (!needed) {
                return null;
            }
            throw origin.fail("corrupt ZIP64 end record (bad signature)");
        }
        ByteBuffer withOffset = ByteBuffer.allocate(ZIP64_EOCD_SIZE + 8).order(ByteOrder.LITTLE_ENDIAN);
        withOffset.put(z).putLong(zip64Offset).flip();
        return withOffset;
    }

    /** Where the central directory starts (the end of the entries' data). */
    public long centralDirectoryOffset() {
        return centralDirectoryOffset;
    }

    /**
     * Where {@code entry}'s (compressed) data starts: after its local header, name and extra field (which may hold
     * alignment padding, as torch.save's does). Checks the local header against the central directory.
     */
    public long dataStart(Entry entry) {
        String shown = "ZIP entry '" + PyLiteralParser.shorten(entry.name()) + "'";
        ByteBuffer local = read(origin, source, entry.localHeaderOffset(), LOCAL_SIZE);
        if (local.getInt(0) != LOCAL) {
            throw origin.fail(shown + ": corrupt local header (bad signature)");
        }
        int nameLength = local.getShort(26) & 0xffff;
        int extraLength = local.getShort(28) & 0xffff;
        long dataStart = entry.localHeaderOffset() + LOCAL_SIZE + nameLength + extraLength;
        if (dataStart > centralDirectoryOffset - entry.compressedSize()) {
            throw origin.fail(shown + " runs into the central directory (truncated or corrupt)");
        }
        ByteBuffer localName = read(origin, source, entry.localHeaderOffset() + LOCAL_SIZE, nameLength);
        if (!Arrays.equals(localName.array(), entry.rawName())) {
            throw origin.fail(shown + ": its local header names a different file (corrupt)");
        }
        return dataStart;
    }

    /**
     * Bytes of a stored entry without the CRC check (the caller reads only part of it, e.g. one tensor of a large
     * storage); {@link #open} checks.
     */
    public ByteRegion storedWindow(Entry entry) {
        String shown = "ZIP entry '" + PyLiteralParser.shorten(entry.name()) + "'";
        if (entry.encrypted() || entry.method() != 0 || entry.compressedSize() != entry.size()) {
            throw origin.fail(shown + " is not stored uncompressed");
        }
        return source.slice(dataStart(entry), entry.size());
    }

    private static ByteBuffer read(Origin origin, ByteRegion source, long pos, int length) {
        return ByteRegion.read(origin, source, pos, length, "read");
    }

    private static RuntimeException notZip(Origin origin, ByteRegion source, long fileSize, String what, String why) {
        if (fileSize >= 6) {
            ByteBuffer start = read(origin, source, 0, 6);
            if ((start.get(0) & 0xff) == 0x93 && start.get(1) == 'N' && start.get(2) == 'U') {
                return origin.fail("is an NPY file, not an NPZ (ZIP) archive; name it .npy");
            }
        }
        return origin.fail("not " + what + ": " + why);
    }
}
