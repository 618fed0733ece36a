package vqlens.core.io.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import vqlens.core.Printable;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFormat;
import vqlens.core.io.NpyDtype;

/**
 * Reads codebooks from {@code .npy} and {@code .npz} bytes. An archive's small members ({@code inited},
 * {@code usage}, {@code meta}) and the codebook header are all validated before the codebook values are
 * allocated.
 */
public final class CodebookReader {
    /** Largest NPY member worth inflating for codebooks: the biggest allowed codebook as float64 plus a header. */
    private static final long MAX_CODEBOOK_MEMBER = QuantizerConfig.MAX_CODEBOOK_VALUES * 8 + NpyHeader.MAX_HEADER_BYTES + 12;
    private static final long MAX_INITED_MEMBER = NpyHeader.MAX_HEADER_BYTES + 12 + 8;
    private static final long MAX_META_MEMBER = NpyDescr.MAX_TEXT_CHARS * 4L + NpyHeader.MAX_HEADER_BYTES + 12;
    static final String CODEBOOKS = "codebooks";
    private static final String ABSENT = "absent (counts as initialised)";

    private CodebookReader() {
    }

    public static CodebookFileInfo readNpy(Origin origin, ByteRegion region, String key) {
        if (key != null) {
            throw origin.fail("an .npy file holds one unnamed array; a key ('" + Printable.of(key) + "') applies to .npz and .safetensors files");
        }
        NpyHeader header = NpyHeader.read(origin, region);
        QuantizerConfig config = config(origin, header);
        Codebooks codebooks = Codebooks.wrap(config, values(origin, region, header, config), true);
        return new CodebookFileInfo(origin.file(), CodebookFormat.NPY, List.of(), List.of(), null,
                shapeList(header), header.descr().toString(), ABSENT, CodebookDocument.of(codebooks));
    }

    /** The {@code .npz} keys that can be loaded as codebooks: {@code codebooks} if present. */
    public static List<String> npzCandidates(Origin origin, ByteRegion region) {
        ZipArchive zip = ZipArchive.read(origin, region);
        if (member(zip, CODEBOOKS) == null) {
            throw noCodebooks(origin, zip);
        }
        return List.of(CODEBOOKS);
    }

    /** Reads {@code codebooks} (or the member {@code key}), {@code inited}, {@code usage} and {@code meta}. */
    public static CodebookFileInfo readNpz(Origin origin, ByteRegion region, String key) {
        ZipArchive zip = ZipArchive.read(origin, region);
        List<String> keys = zip.entries().stream().map(e -> keyOf(e.name())).collect(Collectors.toList());
        String chosen = key == null ? CODEBOOKS : keyOf(key);
        ZipArchive.Entry codebooksEntry = member(zip, chosen);
        if (codebooksEntry == null) {
            if (key != null) {
                throw origin.fail("no array " + Printable.quoted(key) + " in the archive; it holds: " + listed(keys));
            }
            throw noCodebooks(origin, zip);
        }
        List<String> candidates = member(zip, CODEBOOKS) == null ? List.of() : List.of(CODEBOOKS);
        Origin codebooksOrigin = origin.member(codebooksEntry.name());
        ByteRegion codebooksRegion = zip.open(codebooksEntry, MAX_CODEBOOK_MEMBER);
        NpyHeader header = NpyHeader.read(codebooksOrigin, codebooksRegion);
        QuantizerConfig config = config(codebooksOrigin, header);

        boolean inited = true; // archives without the flag come from tools that only save trained codebooks
        String initedFrom = ABSENT;
        ZipArchive.Entry initedEntry = member(zip, "inited");
        if (initedEntry != null) {
            inited = decodeInited(origin.member(initedEntry.name()), zip.open(initedEntry, MAX_INITED_MEMBER));
            initedFrom = "member " + Printable.of(initedEntry.name());
        }
        long[] usage = null;
        ZipArchive.Entry usageEntry = member(zip, "usage");
        if (usageEntry != null) {
            long maxUsage = (long) config.heads() * config.codes() * 8 + NpyHeader.MAX_HEADER_BYTES + 12;
            usage = decodeUsage(origin.member(usageEntry.name()), zip.open(usageEntry, maxUsage), config, header.rank() == 2);
        }
        String meta = null;
        ZipArchive.Entry metaEntry = member(zip, "meta");
        if (metaEntry != null) {
            Origin metaOrigin = origin.member(metaEntry.name());
            meta = NpyText.read(metaOrigin, zip.open(metaEntry, MAX_META_MEMBER));
            String problem = JsonText.objectProblem(meta);
            if (problem != null) {
                throw metaOrigin.fail("'meta' must hold a JSON object: " + problem);
            }
        }
        Codebooks codebooks = Codebooks.wrap(config, values(codebooksOrigin, codebooksRegion, header, config), inited);
        return new CodebookFileInfo(origin.file(), CodebookFormat.NPZ, keys, candidates, keyOf(codebooksEntry.name()),
                shapeList(header), header.descr().toString(), initedFrom, CodebookDocument.of(codebooks, usage, meta));
    }

    /** numpy's NpzFile accepts a key with or without the {@code .npy} suffix; so do we. */
    private static ZipArchive.Entry member(ZipArchive zip, String key) {
        ZipArchive.Entry entry = zip.find(key + ".npy");
        return entry != null ? entry : zip.find(key);
    }

    /** The key numpy shows for a member: its name without {@code .npy}. */
    private static String keyOf(String memberName) {
        return memberName.endsWith(".npy") ? memberName.substring(0, memberName.length() - 4) : memberName;
    }

    private static RuntimeException noCodebooks(Origin origin, ZipArchive zip) {
        List<String> names = zip.entries().stream().map(ZipArchive.Entry::name).collect(Collectors.toList());
        return origin.fail("no 'codebooks' array (member codebooks.npy) in the archive; it holds: " + listed(names));
    }

    static String listed(List<String> names) {
        return Printable.list(names, 20, "nothing");
    }

    /** Checks rank, dtype and size of a codebook array {@code [H,K,D]} or {@code [K,D]} (one head); allocates nothing. */
    static QuantizerConfig config(Origin origin, NpyHeader header) {
        if (header.rank() != 3 && header.rank() != 2) {
            throw origin.fail("codebooks must be a 3-D array [heads, codes, dim] or a 2-D array [codes, dim], found shape "
                    + header.shapeText());
        }
        if (!header.dtype().isFloat()) {
            throw origin.fail("codebooks must be float32 or float64, found " + NpyDescr.numpyName(header.dtype()));
        }
        return codebookConfig(origin, header.shape(), "");
    }

    /** The config of a codebook shape {@code [H,K,D]} or {@code [K,D]}; refuses empty and oversized shapes. */
    static QuantizerConfig codebookConfig(Origin origin, long[] shape, String context) {
        try {
            return shape.length == 2 ? QuantizerConfig.ofCodebookShape(1, shape[0], shape[1])
                    : QuantizerConfig.ofCodebookShape(shape[0], shape[1], shape[2]);
        } catch (VqException e) {
            throw origin.fail(context + e.getMessage()); // the config checked the size before anything is allocated
        }
    }

    /** Decodes the values of a codebook array, any byte order and layout, into C-order float32. */
    private static float[] values(Origin origin, ByteRegion region, NpyHeader header, QuantizerConfig config) {
        HeapCheck.floats(origin, config.codebookValues(), "the codebooks (" + config + ")");
        float[] values = new float[config.codebookValues()];
        new ElementReader(origin, region, header).readFloats(0, values.length, values, 0, 1);
        return header.fortranOrder() ? fortranToC(values, header.shape()) : values;
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

    /** {@code usage}: non-negative integer counts of shape {@code [H,K]} ({@code [K]} too for a 2-D codebook), C order. */
    static long[] decodeUsage(Origin origin, ByteRegion region, QuantizerConfig config, boolean oneHeadCodebook) {
        NpyHeader header = NpyHeader.read(origin, region);
        long[] expected = {config.heads(), config.codes()};
        long[] shape = header.shape();
        boolean matches = Arrays.equals(shape, expected) || oneHeadCodebook && Arrays.equals(shape, new long[] {config.codes()});
        if (!matches) {
            throw origin.fail("'usage' must have shape " + NpyHeader.shapeText(expected) + " (heads, codes) to match the codebooks, found "
                    + header.shapeText());
        }
        if (!header.dtype().isInteger()) {
            throw origin.fail("'usage' must hold integer counts, found " + NpyDescr.numpyName(header.dtype()));
        }
        long[] usage = new long[(int) header.count()];
        new ElementReader(origin, region, header).readLongs(0, usage.length, usage, 0, 1);
        if (header.fortranOrder() && shape.length == 2) {
            usage = fortranToC(usage, shape);
        }
        for (int i = 0; i < usage.length; i++) {
            if (usage[i] < 0) {
                throw origin.fail("'usage' count " + usage[i] + " for head " + i / config.codes() + ", code " + i % config.codes()
                        + " is negative");
            }
        }
        return usage;
    }

    private static List<Long> shapeList(NpyHeader header) {
        List<Long> shape = new ArrayList<>();
        for (long d : header.shape()) {
            shape.add(d);
        }
        return shape;
    }

    /** Reorders a Fortran-order (first axis fastest) array into C order (last axis fastest). */
    static float[] fortranToC(float[] f, long[] shape) {
        float[] c = new float[f.length];
        FortranOdometer from = new FortranOdometer(shape);
        for (int i = 0; i < c.length; i++) {
            c[i] = f[from.next()];
        }
        return c;
    }

    private static long[] fortranToC(long[] f, long[] shape) {
        long[] c = new long[f.length];
        FortranOdometer from = new FortranOdometer(shape);
        for (int i = 0; i < c.length; i++) {
            c[i] = f[from.next()];
        }
        return c;
    }

    /** Walks the C-order positions and yields, for each, the Fortran-order position of the same element. */
    private static final class FortranOdometer {
        private final long[] shape;
        private final int[] stride;
        private final int[] index;
        private int from;

        FortranOdometer(long[] shape) {
            this.shape = shape;
            this.stride = new int[shape.length];
            this.index = new int[shape.length];
            for (int j = 0, s = 1; j < shape.length; j++) {
                stride[j] = s;
                s *= (int) shape[j];
            }
        }

        int next() {
            int current = from;
            for (int j = shape.length - 1; j >= 0; j--) { // last axis first
                from += stride[j];
                if (++index[j] < shape[j]) {
                    break;
                }
                from -= stride[j] * (int) shape[j];
                index[j] = 0;
            }
            return current;
        }
    }
}
