package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A large deflated ZIP entry read by inflating on demand instead of into one buffer, so a codebook
 * member costs the memory of the decoded values only, and a member whose NPY header is garbage is
 * refused after a few kilobytes. Reads are meant to move forward (the NPY header, then the data in
 * order); a read behind the current position starts the inflation again. When the last byte has been
 * produced the stream must end there and the CRC-32 must match; the readers consume every byte of a
 * member, so both are always checked before its values are used. Not thread-safe.
 */
final class InflatingRegion implements ByteRegion {
    private static final int CHUNK = 1 << 16;

    private final Origin origin;
    private final ByteRegion source;
    private final ZipArchive.Entry entry;
    private final String shown;
    private final long dataStart;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input;
    private final byte[] scratch = new byte[CHUNK];
    private long fed;
    private boolean dummyFed;
    private long produced;
    private boolean verified;

    InflatingRegion(Origin origin, ByteRegion source, ZipArchive.Entry entry, String shown, long dataStart) {
        this.origin = origin;
        this.source = source;
        this.entry = entry;
        this.shown = shown;
        this.dataStart = dataStart;
        this.input = new byte[(int) Math.min(CHUNK, Math.max(1, entry.compressedSize()))];
    }

    @Override
    public long size() {
        return entry.size();
    }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        int length = dst.remaining();
        if (pos < 0 || pos > size() - length) {
            throw new IndexOutOfBoundsException("read of " + length + " bytes at " + pos + " in a region of " + size());
        }
        if (pos < produced) {
            restart();
        }
        while (produced < pos) {
            produce(scratch, 0, (int) Math.min(scratch.length, pos - produced));
        }
        if (dst.hasArray()) {
            produce(dst.array(), dst.arrayOffset() + dst.position(), length);
            dst.position(dst.position() + length);
        } else {
            for (int done = 0; done < length; ) {
                int n = Math.min(scratch.length, length - done);
                produce(scratch, 0, n);
                dst.put(scratch, 0, n);
                done += n;
            }
        }
        if (produced == size() && !verified) {
            verifyEnd();
        }
    }

    private void restart() {
        inflater.reset();
        crc.reset();
        fed = 0;
        dummyFed = false;
        produced = 0;
        verified = false;
    }

    /** Inflates exactly {@code length} bytes into {@code out}. */
    private void produce(byte[] out, int offset, int length) {
        int stalls = 0;
        while (length > 0) {
            if (inflater.finished()) {
                throw origin.fail(shown + " inflates to " + produced + " bytes but declares " + entry.size());
            }
            feedIfNeeded();
            int n = inflate(out, offset, length);
            stalls = n == 0 && !inflater.needsInput() && !inflater.finished() ? stalls + 1 : 0;
            if (stalls > 2) {
                throw origin.fail(shown + ": corrupt deflate data (no progress)");
            }
            crc.update(out, offset, n);
            produced += n;
            offset += n;
            length -= n;
        }
    }

    /** All declared bytes are out: the deflate stream must end here, and the CRC-32 must match. */
    private void verifyEnd() {
        byte[] one = new byte[1];
        int stalls = 0;
        while (!inflater.finished()) {
            feedIfNeeded();
            if (inflate(one, 0, 1) > 0) {
                throw origin.fail(shown + " inflates past its declared size of " + entry.size() + " bytes (corrupt or zip bomb)");
            }
            stalls = !inflater.needsInput() && !inflater.finished() ? stalls + 1 : 0;
            if (stalls > 2) {
                throw origin.fail(shown + ": corrupt deflate data");
            }
        }
        ZipEntryData.checkCrc(origin, entry, shown, (int) crc.getValue());
        verified = true;
    }

    private void feedIfNeeded() {
        if (inflater.needsDictionary()) {
            throw origin.fail(shown + ": corrupt deflate data (asks for a dictionary)");
        }
        if (!inflater.needsInput()) {
            return;
        }
        long csize = entry.compressedSize();
        if (fed < csize) {
            int n = (int) Math.min(input.length, csize - fed);
            ByteBuffer buffer = ByteBuffer.wrap(input, 0, n);
            try {
                source.readFully(dataStart + fed, buffer);
            } catch (IOException e) {
                throw origin.io("read", e);
            }
            fed += n;
            inflater.setInput(input, 0, n);
        } else if (!dummyFed) {
            dummyFed = true; // raw inflate may want one byte past the data to see the end
            inflater.setInput(new byte[1]);
        } else {
            throw origin.fail(shown + ": deflate data ends early (truncated or corrupt)");
        }
    }

    private int inflate(byte[] out, int offset, int length) {
        try {
            return inflater.inflate(out, offset, length);
        } catch (DataFormatException e) {
            throw origin.fail(shown + ": corrupt deflate data (" + e.getMessage() + ")");
        }
    }
}
