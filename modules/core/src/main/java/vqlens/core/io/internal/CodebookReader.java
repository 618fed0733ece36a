package vqlens.core.io.internal;

import java.nio.channels.FileChannel;
import java.util.stream.Collectors;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.io.NpyDtype;

/** Reads codebooks from {@code .npy} and {@code .npz} files; each method opens and closes its own file. */
public final class CodebookReader {
    /** Largest NPY member worth inflating for codebooks: the biggest allowed codebook as float64 plus a header. */
    private static final long MAX_CODEBOOK_MEMBER = QuantizerConfig.MAX_CODEBOOK_VALUES * 8 + NpyHeader.MAX_HEADER_BYTES + 12;
    private static final long MAX_INITED_MEMBER = NpyHeader.MAX_HEADER_BYTES + 12 + 8;

    private CodebookReader() {
    }

    public static Codebooks readNpy(Origin origin) {
        FileChannel channel = FileOpening.openForReading(origin);
        try {
            return decode(origin, ByteRegion.ofFile(channel, 0, FileOpening.size(origin, channel)), true);
        } finally {
            FileOpening.closeQuietly(channel);
        }
    }

    public static Codebooks readNpz(Origin origin) {
        FileChannel channel = FileOpening.openForReading(origin);
        try {
            ZipArchive zip = ZipArchive.read(origin, channel);
            ZipArchive.Entry codebooks = member(zip, "codebooks");
            if (codebooks == null) {
                String found = zip.entries().stream().map(e -> PyLiteralParser.shorten(e.name()))
                        .collect(Collectors.joining(", "));
                throw origin.fail("no 'codebooks' array (member codebooks.npy) in the archive; it holds: "
                        + (found.isEmpty() ? "nothing" : found));
            }
            ZipArchive.Entry initedEntry = member(zip, "inited");
            boolean inited = true; // archives without the flag come from tools that only save trained codebooks
            if (initedEntry != null) {
                Origin o = origin.member(initedEntry.name());
                inited = decodeInited(o, zip.open(initedEntry, MAX_INITED_MEMBER));
            }
            Origin o = origin.member(codebooks.name());
            return decode(o, zip.open(codebooks, MAX_CODEBOOK_MEMBER), inited);
        } finally {
            FileOpening.closeQuietly(channel);
        }
    }

    /** numpy's NpzFile accepts a key with or without the {@code .npy} suffix; so do we. */
    private static ZipArchive.Entry member(ZipArchive zip, String key) {
        ZipArchive.Entry entry = zip.find(key + ".npy");
        return entry != null ? entry : zip.find(key);
    }

    /** Decodes a codebook array {@code [H,K,D]} or {@code [K,D]} (one head) of float32/float64, any layout. */
    static Codebooks decode(Origin origin, ByteRegion region, boolean inited) {
        NpyHeader header = NpyHeader.read(origin, region);
        if (header.rank() != 3 && header.rank() != 2) {
            throw origin.fail("codebooks must be a 3-D array [heads, codes, dim] or a 2-D array [codes, dim], found shape "
                    + header.shapeText());
        }
        if (!header.dtype().isFloat()) {
            throw origin.fail("codebooks must be float32 or float64, found " + NpyDescr.numpyName(header.dtype()));
        }
        boolean oneHead = header.rank() == 2;
        QuantizerConfig config;
        try {
            config = oneHead ? QuantizerConfig.ofCodebookShape(1, header.dim(0), header.dim(1))
                    : QuantizerConfig.ofCodebookShape(header.dim(0), header.dim(1), header.dim(2));
        } catch (VqException e) {
            throw origin.fail(e.getMessage()); // the config checked the size before anything is allocated
        }
        float[] values = new float[config.codebookValues()];
        new ElementReader(origin, region, header).readFloats(0, values.length, values, 0, 1);
        if (header.fortranOrder()) {
            values = fortranToC(values, header.shape());
        }
        return Codebooks.wrap(config, values, inited);
    }

    /** The {@code inited} flag: a 0-d or size-1 bool or integer array, true when non-zero. */
    static boolean decodeInited(Origin origin, ByteRegion region) {
        NpyHeader header = NpyHeader.read(origin, region);
        if (header.count() != 1) {
            throw origin.fail("'inited' must be a single value (0-d or size-1 array), found shape " + header.shapeText());
        }
        if (header.dtype() != NpyDtype.BOOL && !header.dtype().isInteger()) {
            throw origin.fail("'inited' must be bool or integer, found " + NpyDescr.numpyName(header.dtype()));
        }
        long[] value = new long[1];
        new ElementReader(origin, region, header).readLongs(0, 1, value, 0, 1);
        return value[0] != 0;
    }

    /** Reorders a Fortran-order (first axis fastest) array into C order (last axis fastest). */
    static float[] fortranToC(float[] f, long[] shape) {
        int rank = shape.length;
        int[] stride = new int[rank];
        for (int j = 0, s = 1; j < rank; j++) {
            stride[j] = s;
            s *= (int) shape[j];
        }
        float[] c = new float[f.length];
        int[] index = new int[rank];
        int from = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = f[from];
            for (int j = rank - 1; j >= 0; j--) { // odometer over the C index, last axis first
                from += stride[j];
                if (++index[j] < shape[j]) {
                    break;
                }
                from -= stride[j] * (int) shape[j];
                index[j] = 0;
            }
        }
        return c;
    }
}
