package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The data of one ZIP entry: CRC-32 checks and bounded inflation. A small deflated entry is inflated into
 * a buffer of exactly its declared size, a large one on demand ({@link InflatingRegion}); either is
 * refused if it would inflate past that size, end short, or claim a ratio deflate cannot reach, so a zip
 * bomb costs at most the memory its (already capped) size declares, and a large member none beyond what
 * its decoded values need.
 */
final class ZipEntryData {
    /** Deflate cannot expand more than about 1032:1; a larger declared ratio is a lie (zip bomb). */
    private static final long MAX_DEFLATE_RATIO = 1032;
    private static final int CHUNK = 1 << 16;
    /** Entries up to this size are inflated at once (CRC-checked before anyone parses them). */
    private static final long EAGER_LIMIT = 1 << 20;

    private ZipEntryData() {
    }

    static ByteRegion inflate(Origin origin, ByteRegion source, ZipArchive.Entry entry, String shown, long dataStart) {
        long csize = entry.compressedSize();
        if (entry.size() > csize * MAX_DEFLATE_RATIO + 1024) {
            throw origin.fail(shown + " declares " + entry.size() + " bytes from only " + csize
                    + " compressed bytes, beyond what deflate can produce (zip bomb?)");
        }
        if (entry.size() > EAGER_LIMIT) {
            return new InflatingRegion(origin, source, entry, shown, dataStart);
        }
        byte[] out = new byte[(int) entry.size()];
        Inflater inflater = new Inflater(true);
        try {
            ByteBuffer in = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, csize)));
            long fed = 0;
            boolean dummyFed = false;
            int produced = 0;
            int stalls = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (fed < csize) {
                        in.clear().limit((int) Math.min(in.capacity(), csize - fed));
                        readInto(origin, source, dataStart + fed, in);
                        fed += in.limit();
                        inflater.setInput(in.array(), 0, in.limit());
                    } else if (!dummyFed) {
                        dummyFed = true; // raw inflate may want one byte past the data to see the end
                        inflater.setInput(new byte[1]);
                    } else {
                        throw origin.fail(shown + ": deflate data ends early (truncated or corrupt)");
                    }
                }
                if (inflater.needsDictionary()) {
                    throw origin.fail(shown + ": corrupt deflate data (asks for a dictionary)");
                }
                if (produced == out.length) {
                    // Full: the stream must end now; one more byte of output means it lied about its size.
                    if (inflater.inflate(new byte[1]) > 0) {
                        throw origin.fail(shown + " inflates past its declared size of " + entry.size()
                                + " bytes (corrupt or zip bomb)");
                    }
                    if (!inflater.finished() && !inflater.needsInput()) {
                        throw origin.fail(shown + ": corrupt deflate data");
                    }
                    continue;
                }
                int n = inflater.inflate(out, produced, out.length - produced);
                stalls = n == 0 && !inflater.needsInput() && !inflater.finished() ? stalls + 1 : 0;
                if (stalls > 2) {
                    throw origin.fail(shown + ": corrupt deflate data (no progress)");
                }
                produced += n;
            }
            if (produced != out.length) {
                throw origin.fail(shown + " inflates to " + produced + " bytes but declares " + entry.size());
            }
        } catch (DataFormatException e) {
            throw origin.fail(shown + ": corrupt deflate data (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        checkCrc(origin, entry, shown, (int) crc.getValue());
        return ByteRegion.ofArray(out);
    }

    static int crcOf(Origin origin, ByteRegion region) {
        CRC32 crc = new CRC32();
        ByteRegion.stream(origin, region, 0, region.size(), crc::update);
        return (int) crc.getValue();
    }

    static void checkCrc(Origin origin, ZipArchive.Entry entry, String shown, int actual) {
        if (actual != entry.crc()) {
            throw origin.fail(shown + " fails its CRC-32 check (corrupt): expected "
                    + String.format("%08x", entry.crc()) + ", got " + String.format("%08x", actual));
        }
    }

    private static void readInto(Origin origin, ByteRegion source, long pos, ByteBuffer dst) {
        try {
            source.readFully(pos, dst);
        } catch (IOException e) {
            throw origin.io("read", e);
        }
        dst.flip();
    }
}
