package vqlens.core.io;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.ElementReader;
import vqlens.core.io.internal.FileOpening;
import vqlens.core.io.internal.NpyDescr;
import vqlens.core.io.internal.NpyHeader;
import vqlens.core.Printable;
import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.ZipArchive;

/**
 * Reads named arrays from an {@code .npz} through the same validated (and fuzzed) ZIP and NPY readers
 * the codebook files use: every size is checked against the file before anything is allocated, and every
 * problem is a one-line {@link CodebookFileException} naming the file and member. Arrays must be C order.
 *
 * <p>Holds the file open until {@link #close}. Not thread-safe.
 */
public final class NpzReader implements AutoCloseable {
    /** Largest array read whole: Java arrays are indexed by int. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Origin origin;
    private final FileChannel channel;
    private final ZipArchive zip;

    private NpzReader(Origin origin, FileChannel channel, ZipArchive zip) {
        this.origin = origin;
        this.channel = channel;
        this.zip = zip;
    }

    /** @throws CodebookFileException if the file cannot be read or is not a valid ZIP archive */
    public static NpzReader open(Path file) {
        Origin origin = Origin.of(Objects.requireNonNull(file, "file"));
        FileChannel channel = FileOpening.openForReading(origin);
        try {
            ZipArchive zip = ZipArchive.read(origin, ByteRegion.ofFile(channel, 0, FileOpening.size(origin, channel)));
            return new NpzReader(origin, channel, zip);
        } catch (RuntimeException e) {
            FileOpening.closeQuietly(channel);
            throw e;
        }
    }

    /** The array names (members without {@code .npy}), in archive order. */
    public List<String> names() {
        return zip.entries().stream().map(e -> e.name().endsWith(".npy") ? e.name().substring(0, e.name().length() - 4) : e.name())
                .toList();
    }

    public boolean has(String name) {
        return zip.find(name + ".npy") != null;
    }

    /** The shape of array {@code name}. */
    public long[] shape(String name) {
        return array(name).header.shape();
    }

    /** Array {@code name} (float32 or float64) as float32. */
    public float[] floats(String name) {
        Array a = array(name).require(true);
        float[] out = new float[a.size()];
        new ElementReader(a.origin, a.region, a.header).readFloats(0, out.length, out, 0, 1);
        return out;
    }

    /** Array {@code name} (float32 or float64) as float64, exact. */
    public double[] doubles(String name) {
        Array a = array(name).require(true);
        double[] out = new double[a.size()];
        new ElementReader(a.origin, a.region, a.header).readDoubles(0, out.length, out, 0);
        return out;
    }

    /** Array {@code name} (any integer or bool dtype), widened to long. */
    public long[] longs(String name) {
        Array a = array(name).require(false);
        long[] out = new long[a.size()];
        new ElementReader(a.origin, a.region, a.header).readLongs(0, out.length, out, 0, 1);
        return out;
    }

    /** A 1-D uint8 array as bytes. */
    public byte[] bytes(String name) {
        Array a = array(name);
        if (a.header.dtype() != NpyDtype.UINT8 || a.header.rank() != 1) {
            throw a.origin.fail("must be a 1-D uint8 array, found " + a.header.describe());
        }
        long[] wide = longs(name);
        byte[] out = new byte[wide.length];
        for (int i = 0; i < wide.length; i++) {
            out[i] = (byte) wide[i];
        }
        return out;
    }

    @Override
    public void close() {
        FileOpening.closeQuietly(channel);
    }

    private Array array(String name) {
        ZipArchive.Entry entry = zip.find(name + ".npy");
        Origin member = origin.member(name + ".npy");
        if (entry == null) {
            throw origin.fail("has no array '" + Printable.of(name) + "'");
        }
        ByteRegion region = zip.open(entry, MAX_ELEMENTS * 8 + NpyHeader.MAX_HEADER_BYTES);
        NpyHeader header = NpyHeader.read(member, region);
        if (header.fortranOrder() && header.rank() > 1) {
            throw member.fail("is stored in Fortran order; C order is expected");
        }
        if (header.count() > MAX_ELEMENTS) {
            throw member.fail("holds " + header.count() + " values, more than one array can hold");
        }
        return new Array(member, region, header);
    }

    private record Array(Origin origin, ByteRegion region, NpyHeader header) {
        int size() {
            return (int) header.count();
        }

        Array require(boolean floating) {
            if (header.dtype().isFloat() != floating) {
                throw origin.fail("must be " + (floating ? "a float" : "an integer or bool") + " array, found "
                        + NpyDescr.numpyName(header.dtype()));
            }
            return this;
        }
    }
}
