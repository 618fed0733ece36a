package vqlens.core.io.internal.faiss;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vqlens.core.io.CodebookFormat;
import vqlens.core.io.SourceFormat;
import vqlens.core.io.internal.ByteRegion;
import vqlens.core.io.internal.ModelCodebooks;
import vqlens.core.io.internal.Origin;
import vqlens.core.io.internal.model.ElementType;
import vqlens.core.io.internal.model.Storage;
import vqlens.core.io.internal.model.StoredTensor;

/**
 * Reads the product quantizer of a FAISS file as the layout of FAISS 1.7's {@code impl/index_write.cpp} has it
 * (the same through 1.9 for these types): {@code faiss.write_index} files and bare
 * {@code faiss.write_ProductQuantizer} files. Everything is little-endian; sizes are 8 bytes.
 *
 * <ul>
 * <li>index header: {@code i32 d, i64 ntotal, i64 dummy, i64 dummy, u8 is_trained, i32 metric_type} and, for a metric
 * above L2, {@code f32 metric_arg};</li>
 * <li>product quantizer: {@code u64 d, u64 M, u64 nbits}, then the centroids as a vector of {@code d·2^nbits} floats,
 * C order of {@code [M, ksub, dsub]} — read here as the codebooks {@code [heads, codes, head dim]} ({@code pq.centroids});</li>
 * <li>a vector: {@code u64 n} and {@code n} elements;</li>
 * <li>{@code IxPq} (and the older {@code IxPQ}, {@code IxPo}) IndexPQ: header, PQ, codes, search parameters;
 * {@code IPfs} IndexPQFastScan likewise;</li>
 * <li>{@code IwPQ} IndexIVFPQ (legacy {@code IvPQ}; {@code IwQR}/{@code IvQR} IndexIVFPQR adds a refinement PQ;
 * {@code IwPf} IndexIVFPQFastScan): IVF header ({@code u64 nlist, u64 nprobe}, the coarse quantizer as an index of its
 * own, the direct map), {@code by_residual}, {@code code_size}, PQ, inverted lists ({@code ilar}: {@code nlist},
 * {@code code_size}, sizes full or sparse, then each list's codes and 8-byte ids);</li>
 * <li>{@code IxF2}/{@code IxFI}/{@code IxFl} IndexFlat (a coarse quantizer): header and its vectors ({@code quantizer.xb});</li>
 * <li>{@code IxPT} IndexPreTransform: header, {@code i32} transform count, each transform (an OPQ rotation is a
 * {@code LTra} LinearTransform: {@code have_bias}, {@code A [d_out, d_in]}, {@code b}, then {@code i32 d_in, i32 d_out,
 * u8 is_trained}), then the inner index ({@code index.} keys); {@code IxMp}/{@code IxM2} IndexIDMap likewise.</li>
 * </ul>
 * Every count is checked against the bytes left before it is used, and codes, ids and inverted lists are skipped by
 * their lengths without being read. Other index types are named and refused in one line.
 */
public final class FaissReader {
    /** The key of the product quantizer's centroids; an index inside a wrapper gets a prefix ({@code index.pq.centroids}). */
    public static final String CENTROIDS = "pq.centroids";
    /** FAISS's product quantizers use up to 16 bits per code; VQ Lens's codebooks allow up to 2^24 codes. */
    static final int MAX_NBITS = 24;
    private static final int MAX_DEPTH = 16;
    private static final int MAX_TRANSFORMS = 64;
    private static final long MAX_DIM = Integer.MAX_VALUE;

    /** The index fourccs FAISS 1.7–1.9 writes, by the class they name; those read here hold a product quantizer. */
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("IxFI", "IndexFlatIP"), Map.entry("IxF2", "IndexFlatL2"), Map.entry("IxFl", "IndexFlat"),
            Map.entry("IxHe", "IndexLSH"), Map.entry("IxHE", "IndexLSH"),
            Map.entry("IxPq", "IndexPQ"), Map.entry("IxPQ", "IndexPQ"), Map.entry("IxPo", "IndexPQ"),
            Map.entry("IxRq", "IndexResidualQuantizer"), Map.entry("IxRQ", "IndexResidualQuantizer"),
            Map.entry("IxLS", "IndexLocalSearchQuantizer"), Map.entry("IxPR", "IndexProductResidualQuantizer"),
            Map.entry("IxPL", "IndexProductLocalSearchQuantizer"), Map.entry("ImRQ", "ResidualCoarseQuantizer"),
            Map.entry("ILfs", "IndexLocalSearchQuantizerFastScan"), Map.entry("IRfs", "IndexResidualQuantizerFastScan"),
            Map.entry("IPRf", "IndexProductResidualQuantizerFastScan"), Map.entry("IPLf", "IndexProductLocalSearchQuantizerFastScan"),
            Map.entry("IVLf", "IndexIVFLocalSearchQuantizerFastScan"), Map.entry("IVRf", "IndexIVFResidualQuantizerFastScan"),
            Map.entry("NPLf", "IndexIVFProductLocalSearchQuantizerFastScan"), Map.entry("NPRf", "IndexIVFProductResidualQuantizerFastScan"),
            Map.entry("IvFl", "IndexIVFFlat"), Map.entry("IvFL", "IndexIVFFlat"), Map.entry("IwFl", "IndexIVFFlat"),
            Map.entry("IwFd", "IndexIVFFlatDedup"), Map.entry("IxSQ", "IndexScalarQuantizer"), Map.entry("IxLa", "IndexLattice"),
            Map.entry("IvSQ", "IndexIVFScalarQuantizer"), Map.entry("IwSQ", "IndexIVFScalarQuantizer"), Map.entry("IwSq", "IndexIVFScalarQuantizer"),
            Map.entry("IwLS", "IndexIVFLocalSearchQuantizer"), Map.entry("IwRQ", "IndexIVFResidualQuantizer"),
            Map.entry("IwPL", "IndexIVFProductLocalSearchQuantizer"), Map.entry("IwPR", "IndexIVFProductResidualQuantizer"),
            Map.entry("IwSh", "IndexIVFSpectralHash"), Map.entry("IvPQ", "IndexIVFPQ"), Map.entry("IwPQ", "IndexIVFPQ"),
            Map.entry("IvQR", "IndexIVFPQR"), Map.entry("IwQR", "IndexIVFPQR"), Map.entry("IxPT", "IndexPreTransform"),
            Map.entry("Imiq", "MultiIndexQuantizer"), Map.entry("IxRF", "IndexRefine"), Map.entry("IxMp", "IndexIDMap"),
            Map.entry("IxM2", "IndexIDMap2"), Map.entry("Ix2L", "Index2Layer"), Map.entry("IHNf", "IndexHNSWFlat"),
            Map.entry("IHNp", "IndexHNSWPQ"), Map.entry("IHNs", "IndexHNSWSQ"), Map.entry("IHN2", "IndexHNSW2Level"),
            Map.entry("INSf", "IndexNSGFlat"), Map.entry("INSp", "IndexNSGPQ"), Map.entry("INSs", "IndexNSGSQ"),
            Map.entry("INNf", "IndexNNDescentFlat"), Map.entry("IPfs", "IndexPQFastScan"), Map.entry("IwPf", "IndexIVFPQFastScan"),
            Map.entry("IRMf", "IndexRowwiseMinMax"), Map.entry("IRMh", "IndexRowwiseMinMaxFP16"),
            Map.entry("IBxF", "IndexBinaryFlat"), Map.entry("IBwF", "IndexBinaryIVF"), Map.entry("IBFf", "IndexBinaryFromFloat"),
            Map.entry("IBHf", "IndexBinaryHNSW"), Map.entry("IBMp", "IndexBinaryIDMap"), Map.entry("IBM2", "IndexBinaryIDMap2"),
            Map.entry("IBHh", "IndexBinaryHash"), Map.entry("IBHm", "IndexBinaryMultiHash"));

    /** Types that hold a product quantizer VQ Lens does not reach (the graph or the first level before it is not parsed). */
    private static final Set<String> UNREAD_PQ_HOLDERS = Set.of("IHNp", "INSp", "Ix2L", "Imiq");
    private static final String READ_TYPES = "IndexPQ, IndexPQFastScan, IndexIVFPQ, IndexIVFPQFastScan, IndexIVFPQR and any of them"
            + " inside IndexPreTransform (OPQ) or IndexIDMap";

    private final Origin origin;
    private final FaissInput in;
    private final List<StoredTensor> tensors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** {@code is_trained} of the index holding the product quantizer read, or {@code null}. */
    private Boolean trained;
    private String pqHolder;
    private long encoded;

    private FaissReader(Origin origin, ByteRegion region) {
        this.origin = origin;
        this.in = new FaissInput(origin, region);
    }

    /** Whether {@code start} begins with the fourcc of a FAISS index (any type, read or not). */
    public static boolean looksLikeIndex(byte[] start) {
        return start.length >= 4 && CLASSES.containsKey(new String(start, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** A {@code faiss.write_index} file. */
    public static ModelCodebooks.Contents readIndex(Origin origin, ByteRegion region) {
        return parse(origin, region, false).contents();
    }

    /** A {@code faiss.write_ProductQuantizer} file: the product quantizer alone, nothing before or after it. */
    public static ModelCodebooks.Contents readProductQuantizer(Origin origin, ByteRegion region) {
        return parse(origin, region, true).contents();
    }

    /** What a FAISS file holds, and how many vectors its product quantizer has encoded (0 for a bare one). */
    record Parsed(ModelCodebooks.Contents contents, long encoded) {
    }

    static Parsed parse(Origin origin, ByteRegion region, boolean bare) {
        FaissReader r = new FaissReader(origin, region);
        if (bare) {
            r.pq("", -1);
            if (r.in.remaining() > 0) {
                throw origin.fail("not a faiss.write_ProductQuantizer file: " + r.in.remaining() + " bytes follow the centroids");
            }
            return new Parsed(r.contents(SourceFormat.FAISS_PQ), 0);
        }
        Index top = r.index("", 0, null);
        if (r.in.remaining() > 0) {
            r.notes.add(r.in.remaining() + " bytes after the index are not part of it (FAISS ignores them too)");
        }
        if (!top.hasPq) {
            throw origin.fail("is a FAISS " + top.description() + "; it holds no product quantizer: VQ Lens reads the centroids of "
                    + READ_TYPES);
        }
        r.notes.add(0, "a FAISS " + top.description());
        if (r.encoded > 0) {
            r.notes.add(staleCodes(r.encoded));
        }
        return new Parsed(r.contents(SourceFormat.FAISS_INDEX), r.encoded);
    }

    /** Why the codes of an index whose centroids were edited no longer match them. */
    static String staleCodes(long encoded) {
        return "the " + encoded + " vectors the index holds are stored as codes of these centroids: a copy with edited centroids"
                + " keeps those codes, made with the old ones (add the vectors again to encode them with the new)";
    }

    private ModelCodebooks.Contents contents(SourceFormat source) {
        String flag = trained == null ? null : trained.toString();
        return new ModelCodebooks.Contents(source, CodebookFormat.NPZ, tensors, notes, flag, null,
                trained == null ? null : "is_trained of the " + pqHolder);
    }

    /** What an index was: its class, whether a product quantizer was read inside it, and a line for {@code inspect}. */
    private record Index(String name, boolean hasPq, String detail) {
        String description() {
            return detail.isEmpty() ? name : name + ": " + detail;
        }
    }

    private record Header(int d, long ntotal, boolean trained, int metric, float metricArg) {
        String metricName() {
            return switch (metric) {
                case 0 -> "inner product";
                case 1 -> "L2";
                case 2 -> "L1";
                case 3 -> "Linf";
                case 4 -> "Lp (p = " + metricArg + ")";
                case 20 -> "Canberra";
                case 21 -> "BrayCurtis";
                case 22 -> "JensenShannon";
                case 23 -> "Jaccard";
                default -> "metric " + metric;
            };
        }
    }

    private Index index(String prefix, int depth, String parent) {
        if (depth > MAX_DEPTH) {
            throw origin.fail("corrupt FAISS file: indexes nested more than " + MAX_DEPTH + " deep");
        }
        long at = in.position();
        String h = in.fourcc("an index's fourcc");
        String name = CLASSES.get(h);
        if (name == null) {
            throw origin.fail((depth == 0 ? "not a FAISS index" : "corrupt FAISS file") + ": unknown index fourcc "
                    + FaissInput.shown(h) + " at byte " + at);
        }
        switch (h) {
            case "IxFI", "IxF2", "IxFl" -> {
                if (parent == null) {
                    throw origin.fail("is a FAISS " + name + ", which holds no product quantizer (it stores the vectors themselves); VQ Lens"
                            + " reads the centroids of " + READ_TYPES);
                }
                Header header = header(name);
                long floats = in.vector(4, name + "'s vectors (xb, in groups of 4 bytes)");
                if (floats % header.d != 0 || floats / header.d != header.ntotal) {
                    throw origin.fail("corrupt FAISS file: the " + name + " at byte " + at + " holds " + floats + " floats, not ntotal "
                            + header.ntotal + " × d " + header.d);
                }
                tensor(prefix + "xb", new long[] {header.ntotal, header.d}, floats);
                return new Index(name, false, header.ntotal + " vectors of dim " + header.d + " (" + prefix + "xb), " + header.metricName());
            }
            case "IxPq", "IxPQ", "IxPo" -> {
                Header header = header(name);
                Pq pq = pq(prefix, header.d);
                holdsPq(name, header);
                in.skipVector(1, name + "'s codes");
                if (!h.equals("IxPQ")) {
                    in.i32("IndexPQ's search_type");
                    in.u8("IndexPQ's encode_signs");
                    in.i32("IndexPQ's polysemous_ht");
                }
                return new Index(name, true, pq + ", " + header.ntotal + " vectors encoded, " + header.metricName());
            }
            case "IPfs" -> {
                Header header = header(name);
                Pq pq = pq(prefix, header.d);
                holdsPq(name, header);
                in.i32("implem");
                in.i32("bbs");
                in.i32("qbs");
                in.i64("ntotal2");
                in.i64("M2");
                in.skipVector(1, name + "'s packed codes");
                return new Index(name, true, pq + ", " + header.ntotal + " vectors encoded (packed for fast scan), " + header.metricName());
            }
            case "IwPQ", "IvPQ", "IwQR", "IvQR", "IwPf" -> {
                return ivfpq(prefix, depth, h, name, at);
            }
            case "IxPT" -> {
                Header header = header(name);
                int nt = in.i32("IndexPreTransform's transform count");
                if (nt < 0 || nt > MAX_TRANSFORMS) {
                    throw origin.fail("corrupt FAISS file: IndexPreTransform at byte " + at + " declares " + nt + " transforms (0 to "
                            + MAX_TRANSFORMS + " are read)");
                }
                List<String> chain = new ArrayList<>();
                for (int i = 0; i < nt; i++) {
                    chain.add(transform(prefix + "chain." + i + ".", 0));
                }
                Index inner = index(prefix + "index.", depth + 1, name);
                if (inner.hasPq && !chain.isEmpty()) {
                    notes.add("the index transforms every vector before its product quantizer (" + String.join(", then ", chain)
                            + "): encoding raw data with the centroids alone is not meaningful; apply the transform first");
                }
                return new Index(name, inner.hasPq, nt + " transform" + (nt == 1 ? "" : "s") + " (" + String.join(", ", chain)
                        + ") over " + inner.description() + ", d " + header.d);
            }
            case "IxMp", "IxM2" -> {
                header(name);
                Index inner = index(prefix + "index.", depth + 1, name);
                long ids = in.skipVector(8, name + "'s id map");
                return new Index(name, inner.hasPq, "ids of " + ids + " vectors over " + inner.description());
            }
            default -> {
                String what = UNREAD_PQ_HOLDERS.contains(h) ? "a FAISS " + name + ", whose product quantizer VQ Lens does not read"
                        : "a FAISS " + name + ", which holds no product quantizer";
                throw origin.fail((parent == null ? "is " : "the " + parent + " holds ") + what + "; VQ Lens reads the centroids of "
                        + READ_TYPES + (parent == null ? "" : ", over a flat coarse quantizer"));
            }
        }
    }

    private Index ivfpq(String prefix, int depth, String h, String name, long at) {
        boolean legacy = h.startsWith("Iv");
        boolean fastScan = h.equals("IwPf");
        Header header = header(name);
        long nlist = in.size(name + "'s nlist", in.remaining());
        in.size(name + "'s nprobe", Long.MAX_VALUE);
        Index coarse = index(prefix + "quantizer.", depth + 1, name);
        if (coarse.hasPq) {
            throw origin.fail("the coarse quantizer of the " + name + " at byte " + at + " is a " + coarse.name
                    + ", which VQ Lens does not read as one");
        }
        if (legacy) {
            for (long i = 0; i < nlist; i++) {
                in.skipVector(8, "inverted list " + i + "'s ids");
            }
        }
        directMap(name);
        boolean byResidual = in.bool(name + "'s by_residual");
        long codeSize = in.size(name + "'s code_size", Integer.MAX_VALUE);
        if (fastScan) {
            in.i32("bbs");
            in.i64("M2");
            in.i32("implem");
            in.i64("qbs2");
        }
        Pq pq = pq(prefix, header.d);
        holdsPq(name, header);
        if (codeSize != pq.codeSize() && !fastScan) {
            throw origin.fail("corrupt FAISS file: the " + name + "'s code_size " + codeSize + " is not its product quantizer's "
                    + pq.codeSize() + " bytes");
        }
        if (legacy) {
            for (long i = 0; i < nlist; i++) {
                in.skipVector(1, "inverted list " + i + "'s codes");
            }
        } else {
            invertedLists(name, nlist, codeSize);
        }
        String refine = "";
        if ((h.equals("IwQR") || h.equals("IvQR")) && header.trained) {
            Pq second = pq(prefix + "refine_", header.d);
            in.skipVector(1, "IndexIVFPQR's refine codes");
            in.f32("IndexIVFPQR's k_factor");
            refine = ", refined by a second product quantizer " + second + " (" + prefix + "refine_pq.centroids)";
        }
        if (byResidual) {
            notes.add("the " + name + " encodes residuals (each vector minus its nearest coarse centroid, "
                    + prefix + "quantizer.xb): encoding raw data with the product quantizer alone is not meaningful");
        }
        return new Index(name, true, pq + refine + ", " + nlist + " inverted lists over the coarse quantizer " + coarse.description()
                + ", " + header.ntotal + " vectors encoded" + (byResidual ? " as residuals" : "") + ", " + header.metricName());
    }

    private void holdsPq(String name, Header header) {
        if (pqHolder != null) {
            throw origin.fail("corrupt FAISS file: two product quantizers outside an IndexIVFPQR");
        }
        pqHolder = name;
        trained = header.trained;
        encoded = header.ntotal;
    }

    private Header header(String name) {
        long at = in.position();
        int d = in.i32(name + "'s d");
        long ntotal = in.i64(name + "'s ntotal");
        in.i64(name + "'s header");
        in.i64(name + "'s header");
        boolean isTrained = in.bool(name + "'s is_trained");
        int metric = in.i32(name + "'s metric_type");
        float arg = metric > 1 ? in.f32(name + "'s metric_arg") : 0;
        if (d <= 0 || ntotal < 0 || metric < 0) {
            throw origin.fail("corrupt FAISS file: the " + name + " header at byte " + at + " has d " + d + ", ntotal " + ntotal
                    + ", metric " + metric);
        }
        return new Header(d, ntotal, isTrained, metric, arg);
    }

    /** A product quantizer's shape. */
    private record Pq(long d, long m, int nbits) {
        long ksub() {
            return 1L << nbits;
        }

        long codeSize() {
            return (nbits * m + 7) / 8;
        }

        @Override
        public String toString() {
            return "product quantizer M " + m + " × ksub " + ksub() + " × dsub " + d / m + " (" + nbits + " bits per code, d " + d + ")";
        }
    }

    /** {@code write_ProductQuantizer}; its centroids become {@code <prefix>pq.centroids} {@code [M, ksub, dsub]}. */
    private Pq pq(String prefix, int indexD) {
        long at = in.position();
        long d = in.size("the product quantizer's d", MAX_DIM);
        long m = in.size("the product quantizer's M", MAX_DIM);
        long nbits = in.size("the product quantizer's nbits", Long.MAX_VALUE);
        if (d == 0 || m == 0 || d % m != 0) {
            throw origin.fail("corrupt FAISS file: the product quantizer at byte " + at + " has d " + d + " and M " + m
                    + " (d must be a positive multiple of M)");
        }
        if (nbits < 1 || nbits > MAX_NBITS) {
            throw origin.fail("the product quantizer at byte " + at + " has " + nbits + " bits per code; VQ Lens reads 1 to "
                    + MAX_NBITS + " (FAISS's own product quantizers use up to 16)");
        }
        if (indexD >= 0 && d != indexD) {
            throw origin.fail("corrupt FAISS file: the product quantizer at byte " + at + " has d " + d + " in an index of d " + indexD);
        }
        Pq pq = new Pq(d, m, (int) nbits);
        long count = in.vector(4, "the product quantizer's centroids");
        if (count != d * pq.ksub()) {
            throw origin.fail("corrupt FAISS file: the product quantizer at byte " + at + " holds " + count + " centroid values, not d "
                    + d + " × ksub " + pq.ksub());
        }
        tensor(prefix + CENTROIDS, new long[] {m, pq.ksub(), d / m}, count);
        return pq;
    }

    /** A float32 vector at the position, {@code count} elements, as a tensor of {@code shape}; moves past it. */
    private void tensor(String key, long[] shape, long count) {
        long offset = in.position();
        tensors.add(StoredTensor.contiguous(key, ElementType.F32, "F32", shape, ByteOrder.LITTLE_ENDIAN,
                Storage.window(key, in.region(), offset, count * 4)));
        in.skip(count * 4, key);
    }

    /** {@code write_VectorTransform}; returns what it does, for the notes. */
    private String transform(String prefix, int depth) {
        long at = in.position();
        String h = in.fourcc("a transform's fourcc");
        String what;
        long a = -1;
        long aOffset = 0;
        long b = -1;
        long bOffset = 0;
        switch (h) {
            case "rrot", "LTra", "PCAm", "PcAm", "Pcam", "Viqm" -> {
                if (h.startsWith("P")) {
                    in.f32("PCAMatrix's eigen_power");
                    if (h.equals("Pcam")) {
                        in.f32("PCAMatrix's epsilon");
                    }
                    in.bool("PCAMatrix's random_rotation");
                    if (!h.equals("PCAm")) {
                        in.i32("PCAMatrix's balanced_bins");
                    }
                    in.skipVector(4, "PCAMatrix's mean");
                    in.skipVector(4, "PCAMatrix's eigenvalues");
                    in.skipVector(4, "PCAMatrix's PCAMat");
                } else if (h.equals("Viqm")) {
                    in.i32("ITQMatrix's max_iter");
                    in.i32("ITQMatrix's seed");
                }
                in.bool("the transform's have_bias");
                a = in.vector(4, "the transform's matrix A");
                aOffset = in.position();
                in.skip(a * 4, "the transform's matrix A");
                b = in.vector(4, "the transform's bias b");
                bOffset = in.position();
                in.skip(b * 4, "the transform's bias b");
                what = switch (h) {
                    case "rrot" -> "a random rotation";
                    case "LTra" -> "an OPQ rotation or linear map";
                    case "Viqm" -> "an ITQ rotation";
                    default -> "a PCA";
                };
            }
            case "RmDT" -> {
                in.skipVector(4, "RemapDimensionsTransform's map");
                what = "a remapping of dimensions";
            }
            case "VNrm" -> {
                in.f32("NormalizationTransform's norm");
                what = "a normalisation";
            }
            case "VCnt" -> {
                in.skipVector(4, "CenteringTransform's mean");
                what = "a centring";
            }
            case "Viqt" -> {
                if (depth > 0) {
                    throw origin.fail("corrupt FAISS file: an ITQTransform inside an ITQTransform at byte " + at);
                }
                in.skipVector(4, "ITQTransform's mean");
                in.bool("ITQTransform's do_pca");
                transform(prefix + "itq.", depth + 1);
                transform(prefix + "pca_then_itq.", depth + 1);
                what = "an ITQ transform";
            }
            default -> throw origin.fail("corrupt FAISS file: unknown transform fourcc " + FaissInput.shown(h) + " at byte " + at);
        }
        int dIn = in.i32("the transform's d_in");
        int dOut = in.i32("the transform's d_out");
        in.bool("the transform's is_trained");
        if (dIn <= 0 || dOut <= 0) {
            throw origin.fail("corrupt FAISS file: the transform at byte " + at + " maps d_in " + dIn + " to d_out " + dOut);
        }
        if (a >= 0) {
            long cells = (long) dIn * dOut;
            if (a < cells) {
                throw origin.fail("corrupt FAISS file: the transform at byte " + at + " holds " + a + " matrix values, fewer than d_out "
                        + dOut + " × d_in " + dIn);
            }
            if (depth == 0) {
                tensors.add(StoredTensor.contiguous(prefix + "A", ElementType.F32, "F32", new long[] {dOut, dIn}, ByteOrder.LITTLE_ENDIAN,
                        Storage.window(prefix + "A", in.region(), aOffset, cells * 4)));
                if (b > 0) {
                    tensors.add(StoredTensor.contiguous(prefix + "b", ElementType.F32, "F32", new long[] {b}, ByteOrder.LITTLE_ENDIAN,
                            Storage.window(prefix + "b", in.region(), bOffset, b * 4)));
                }
            }
            return what + " " + dOut + "×" + dIn + " (" + prefix + "A)";
        }
        return what + " " + dIn + "→" + dOut;
    }

    /** {@code write_direct_map}: a type byte, an id array and for a hash table its pairs. */
    private void directMap(String name) {
        int type = in.u8(name + "'s direct map type");
        if (type > 2) {
            throw origin.fail("corrupt FAISS file: the " + name + "'s direct map type is " + type + " (0, 1 or 2)");
        }
        in.skipVector(8, name + "'s direct map");
        if (type == 2) {
            in.skipVector(16, name + "'s direct map hash table");
        }
    }

    /**
     * {@code write_InvertedLists}: {@code il00} (none) or {@code ilar} (array lists), skipped by their sizes, each checked
     * against the bytes left.
     */
    private void invertedLists(String name, long nlist, long codeSize) {
        long at = in.position();
        String h = in.fourcc("the inverted lists' fourcc");
        if (h.equals("il00")) {
            notes.add("the " + name + " was written without its inverted lists");
            return;
        }
        if (h.equals("ilbl")) { // BlockInvertedLists (fast scan): nlist, code_size, n_per_block, block_size, each list's ids and codes
            long lists = in.size("the block inverted lists' nlist", Long.MAX_VALUE);
            long listCodeSize = in.i64("the block inverted lists' code_size");
            in.i64("the block inverted lists' n_per_block");
            in.i64("the block inverted lists' block_size");
            if (lists != nlist || listCodeSize != codeSize && listCodeSize != -1) {
                throw origin.fail("corrupt FAISS file: the inverted lists at byte " + at + " have nlist " + lists + " and code_size "
                        + Long.toUnsignedString(listCodeSize) + ", not the index's " + nlist + " and " + codeSize);
            }
            for (long i = 0; i < nlist; i++) {
                in.skipVector(8, "inverted list " + i + "'s ids");
                in.skipVector(1, "inverted list " + i + "'s codes");
            }
            return;
        }
        if (!h.equals("ilar")) {
            throw origin.fail("the " + name + "'s inverted lists are of type " + FaissInput.shown(h)
                    + " (an on-disk or custom kind), which VQ Lens does not read; only 'ilar' array lists and 'ilbl' block lists are");
        }
        long lists = in.size("the inverted lists' nlist", Long.MAX_VALUE);
        long listCodeSize = in.size("the inverted lists' code_size", Long.MAX_VALUE);
        if (lists != nlist || listCodeSize != codeSize) {
            throw origin.fail("corrupt FAISS file: the inverted lists at byte " + at + " have nlist " + lists + " and code_size "
                    + listCodeSize + ", not the index's " + nlist + " and " + codeSize);
        }
        String type = in.fourcc("the inverted lists' list type");
        boolean full = type.equals("full");
        if (!full && !type.equals("sprs")) {
            throw origin.fail("corrupt FAISS file: inverted list type " + FaissInput.shown(type) + " at byte " + (in.position() - 4)
                    + " ('full' or 'sprs')");
        }
        long count = in.vector(8, "the inverted lists' sizes");
        if (full ? count != nlist : count % 2 != 0) {
            throw origin.fail("corrupt FAISS file: " + count + " inverted list sizes for " + nlist + " lists");
        }
        long perVector = codeSize + 8;
        long sizesStart = in.position();
        in.skip(count * 8, "the inverted lists' sizes");
        long dataBytes = 0;
        long left = in.remaining();
        final int chunk = 8192;
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(chunk, count - done);
            var buffer = ByteRegion.read(origin, in.region(), sizesStart + done * 8, n * 8, "read the inverted lists' sizes");
            for (int i = 0; i < n; i++) {
                long v = buffer.getLong(i * 8);
                if (!full && (done + i) % 2 == 0) {
                    if (v < 0 || v >= nlist) {
                        throw origin.fail("corrupt FAISS file: a sparse inverted list names list " + Long.toUnsignedString(v) + " of "
                                + nlist);
                    }
                    continue;
                }
                if (v < 0 || v > (left - dataBytes) / perVector) {
                    throw origin.fail("corrupt or truncated FAISS file: the inverted lists declare more codes than the "
                            + left + " bytes after their sizes hold");
                }
                dataBytes += v * perVector;
            }
            done += n;
        }
        in.skip(dataBytes, "the inverted lists' codes and ids");
    }
}
