package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

import vqlens.core.Codebooks;
import vqlens.core.Printable;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.PatchSummary;
import vqlens.core.io.SourceFormat;
import vqlens.core.io.internal.faiss.FaissPatch;
import vqlens.core.io.internal.model.CodebookRules;
import vqlens.core.io.internal.model.ElementCodec;
import vqlens.core.io.internal.model.ElementType;
import vqlens.core.io.internal.model.StoredTensor;
import vqlens.core.io.internal.model.TensorPatch;
import vqlens.core.io.internal.model.TensorValues;

/**
 * Writes an edited codebook back into a copy of the model file it came from ({@code .safetensors}, a {@code torch.save}
 * zip or legacy checkpoint): the file is copied byte for byte into an {@link AtomicFile} except the bytes of the
 * tensors written, so names, order, dtypes, the safetensors header, {@code data.pkl} and every other record stay as
 * they were. In a zip the CRC-32 of each rewritten entry is updated where the archive keeps it (local header unless
 * a data descriptor holds it, the descriptor, the central directory). Beside the codebook: a false
 * {@code inited}/{@code initted} flag is set true (the module would otherwise initialise the codebook afresh), and
 * vector-quantize-pytorch's {@code embed_avg} is set to {@code embed × cluster_size} for the edited codes (its EMA
 * divides one by the other). Everything is checked before the first byte is written.
 */
public final class ModelPatch {
    private static final int LOCAL_CRC = 14;
    private static final int CENTRAL_CRC = 16;
    private static final int DESCRIPTOR = 0x08074b50;
    /** Room left beside the copy on the target's file system. */
    private static final long SPARE_BYTES = 1 << 20;

    private ModelPatch() {
    }

    /**
     * Why {@code tensor} cannot be written in place, or {@code null} if it can: an element type VQ Lens does not
     * write, a compressed storage, a stride of 0, or a storage another tensor views in part (writing one would
     * change the other). Identical views (one tensor under two names) are fine.
     */
    public static String refusal(ModelCodebooks.Contents contents, StoredTensor tensor) {
        if (contents.patchRefusal() != null) {
            return contents.patchRefusal();
        }
        if (tensor.type() == ElementType.OTHER) {
            return "tensor " + tensor.describe() + " has an element type VQ Lens does not write";
        }
        for (int i = 0; i < tensor.rank(); i++) {
            if (tensor.strides()[i] == 0 && tensor.shape()[i] > 1) {
                return "tensor " + tensor.describe() + " repeats its values along dimension " + i + " (stride 0, an expanded"
                        + " tensor), so they cannot be set one by one";
            }
        }
        long start = tensor.storage().fileOffset().getAsLong();
        if (start < 0) {
            return "the storage " + Printable.quoted(tensor.storage().id()) + " of tensor " + Printable.quoted(tensor.key())
                    + " is compressed in the archive (torch.save stores them uncompressed); VQ Lens writes only into stored entries";
        }
        for (StoredTensor other : contents.tensors()) {
            if (other == tensor || !other.storage().root().equals(tensor.storage().root()) || other.count() == 0 || tensor.count() == 0) {
                continue;
            }
            if (sameBytes(tensor, other)) {
                continue; // one tensor under two names: both change, as they would in PyTorch
            }
            long[] a = fileRange(tensor);
            long[] b = fileRange(other);
            if (a[0] < b[1] && b[0] < a[1]) {
                return "tensor " + other.describe() + " views part of the same storage " + Printable.quoted(tensor.storage().id())
                        + " as " + Printable.quoted(tensor.key()) + " in another layout, so writing one would change the other;"
                        + " save the model with separate tensors (.clone()) or save the codebooks as a file of their own";
            }
        }
        return null;
    }

    private static boolean sameBytes(StoredTensor a, StoredTensor b) {
        return a.type() == b.type() && Arrays.equals(a.shape(), b.shape()) && Arrays.equals(a.strides(), b.strides())
                && fileRange(a)[0] == fileRange(b)[0];
    }

    /** The file bytes {@code [first, end)} the view spans. */
    private static long[] fileRange(StoredTensor t) {
        long base = t.storage().fileOffset().getAsLong();
        int size = Math.max(1, t.type().bytes());
        return new long[] {base + t.offset() * size, base + (t.lastElement() + 1) * size};
    }

    /**
     * Reads {@code contents}' codebook {@code key} ({@code null}: the automatic choice), writes {@code edited} over it
     * into a copy of the file at {@code out} (atomically; {@code out} may be the model file itself).
     */
    public static PatchSummary patch(Origin origin, ByteRegion region, ModelCodebooks.Contents contents, String key, Codebooks edited,
                                     Path out) {
        CodebookFileInfo info = ModelCodebooks.read(origin, contents, key);
        Map<String, StoredTensor> byKey = new LinkedHashMap<>();
        contents.tensors().forEach(t -> byKey.put(t.key(), t));
        StoredTensor tensor = byKey.get(info.key());
        String refusal = refusal(contents, tensor);
        if (refusal != null) {
            throw origin.fail("cannot write the edit back: " + refusal);
        }
        QuantizerConfig config = info.codebooks().config();
        QuantizerConfig given = edited.config();
        if (!given.equals(config)) {
            throw origin.fail("the edited codebook is [" + given.heads() + ", " + given.codes() + ", " + given.headDim()
                    + "] but tensor " + tensor.describe() + " is [" + config.heads() + ", " + config.codes() + ", " + config.headDim()
                    + "]; a patch keeps the shape");
        }
        float[] before = info.codebooks().toArray();
        float[] after = edited.toArray();
        boolean[] changedCode = new boolean[config.heads() * config.codes()];
        int dim = config.headDim();
        for (int i = 0; i < after.length; i++) {
            if (Float.floatToRawIntBits(before[i]) != Float.floatToRawIntBits(after[i])) {
                if (!Float.isFinite(after[i])) {
                    int code = i / dim;
                    throw origin.fail("the edited codebook holds " + after[i] + " at head " + code / config.codes() + ", code "
                            + code % config.codes() + ", dim " + i % dim + "; a model would carry it into every output; refused");
                }
                changedCode[i / dim] = true;
            }
        }
        int codes = 0;
        for (boolean c : changedCode) {
            codes += c ? 1 : 0;
        }
        if (contents.source() == SourceFormat.FAISS_INDEX || contents.source() == SourceFormat.FAISS_PQ) {
            long changed = 0;
            for (int i = 0; i < after.length; i++) {
                changed += Float.floatToRawIntBits(before[i]) != Float.floatToRawIntBits(after[i]) ? 1 : 0;
            }
            List<String> stale = FaissPatch.write(origin, region, info.key(), after, out);
            return new PatchSummary(origin.file(), out, contents.source(), tensor.key(), tensor.dtype(), info.shape(), changed,
                    codes, 0, 0, List.of(), codes > 0 ? stale : List.of());
        }

        Splices splices = new Splices(origin, region);
        List<StoredTensor> written = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        TensorPatch.Result main = TensorPatch.write(origin, tensor, after);
        add(splices, written, tensor, main);
        for (StoredTensor other : contents.tensors()) {
            if (other != tensor && other.storage().root().equals(tensor.storage().root()) && other.count() > 0 && sameBytes(tensor, other)) {
                notes.add("tensor " + Printable.quoted(other.key()) + " is the same tensor (one storage) and holds the edit too");
            }
        }
        if (codes > 0) {
            keepFlag(origin, contents, byKey, tensor, splices, written, notes, warnings);
            if (CodebookRules.isVqPytorchEmbed(tensor.key())) {
                rewriteEmbedAvg(origin, contents, byKey, tensor, config, after, changedCode, codes, splices, written, notes, warnings);
            }
        }
        if (contents.source() == SourceFormat.TORCH) {
            updateCrcs(origin, region, written, splices);
        }
        writeCopy(origin, region, splices, out);
        return new PatchSummary(origin.file(), out, contents.source(), tensor.key(), tensor.dtype(), info.shape(), main.changed(), codes,
                main.rounded(), main.largestRounding(), notes, warnings);
    }

    private static void add(Splices splices, List<StoredTensor> written, StoredTensor t, TensorPatch.Result r) {
        if (r.changed() > 0) {
            splices.add(t.storage().fileOffset().getAsLong() + r.storageOffset(), r.bytes(), "tensor " + Printable.quoted(t.key()));
            written.add(t);
        }
    }

    /** A false {@code inited}/{@code initted} would make the module initialise the codebook from its first batch, wiping the edit. */
    private static void keepFlag(Origin origin, ModelCodebooks.Contents contents, Map<String, StoredTensor> byKey, StoredTensor tensor,
                                 Splices splices, List<StoredTensor> written, List<String> notes, List<String> warnings) {
        StoredTensor flag = CodebookRules.flagKeys(tensor.key()).stream().map(byKey::get).filter(Objects::nonNull).findFirst().orElse(null);
        if (flag == null) {
            if (contents.metadataInited() != null && !isTrue(contents.metadataInited())) {
                warnings.add("__metadata__ \"inited\" stays " + Printable.quoted(contents.metadataInited()) + " (the header is kept as it"
                        + " was): VQ Lens reads the codebook as not initialised");
            }
            return;
        }
        if (flag.count() != 1 || flag.type() == ElementType.OTHER || TensorValues.scalar(origin, flag) != 0) {
            return;
        }
        String refusal = refusal(contents, flag);
        if (refusal != null) {
            warnings.add("flag " + Printable.quoted(flag.key()) + " is false and stays so (" + refusal + "): the module will initialise"
                    + " the codebook afresh from its first batch, losing the edit");
            return;
        }
        add(splices, written, flag, TensorPatch.write(origin, flag, new float[] {1}));
        notes.add("set " + Printable.quoted(flag.key()) + " to true (it was false: the module would initialise the codebook afresh"
                + " from its first batch, losing the edit)");
    }

    private static boolean isTrue(String text) {
        String t = text.strip();
        return t.equalsIgnoreCase("true") || t.equals("1");
    }

    /**
     * vector-quantize-pytorch's EMA keeps {@code embed = embed_avg / cluster_size} (Laplace-smoothed): for the edited
     * codes {@code embed_avg} becomes {@code embed × cluster_size}, so the next update starts from the edit.
     */
    private static void rewriteEmbedAvg(Origin origin, ModelCodebooks.Contents contents, Map<String, StoredTensor> byKey,
                                        StoredTensor tensor, QuantizerConfig config, float[] after, boolean[] changedCode, int codes,
                                        Splices splices, List<StoredTensor> written, List<String> notes, List<String> warnings) {
        String prefix = CodebookRules.siblingPrefix(tensor.key());
        StoredTensor avg = byKey.get(prefix + "embed_avg");
        if (avg == null) {
            return; // not trained by EMA (or learnable): nothing beside embed to keep in step
        }
        StoredTensor size = byKey.get(prefix + "cluster_size");
        long[] s = size == null ? null : size.shape();
        boolean sizeFits = size != null && size.type().isFloat() && (s.length == 2 && s[0] == config.heads() && s[1] == config.codes()
                || s.length == 1 && config.heads() == 1 && s[0] == config.codes());
        String avgRefusal = refusal(contents, avg);
        if (!sizeFits || !avg.type().isFloat() || avg.count() != config.codebookValues() || !Arrays.equals(avg.shape(), tensor.shape())
                || avgRefusal != null) {
            warnings.add("tensor " + avg.describe() + " was not rewritten (" + (avgRefusal != null ? avgRefusal
                    : "it or " + (size == null ? "a cluster_size beside it (absent)" : size.describe()) + " does not fit the codebook")
                    + "): vector-quantize-pytorch's next EMA update pulls the edited codes back towards the old ones");
            return;
        }
        float[] clusterSize = TensorValues.floats(origin, size);
        float[] sums = TensorValues.floats(origin, avg);
        int dim = config.headDim();
        int unused = 0;
        for (int code = 0; code < changedCode.length; code++) {
            if (!changedCode[code]) {
                continue;
            }
            unused += clusterSize[code] == 0 ? 1 : 0;
            for (int d = 0; d < dim; d++) {
                int i = code * dim + d;
                sums[i] = ElementCodec.stored(after[i], tensor.type()) * clusterSize[code];
            }
        }
        TensorPatch.Result r = TensorPatch.write(origin, avg, sums);
        add(splices, written, avg, r);
        notes.add("rewrote " + Printable.quoted(avg.key()) + " for the " + codes + " edited code" + (codes == 1 ? "" : "s")
                + " as embed × cluster_size, which vector-quantize-pytorch's EMA divides back (" + r.changed() + " values changed)");
        if (unused > 0) {
            warnings.add(unused + " edited code" + (unused == 1 ? " has" : "s have") + " cluster_size 0: vector-quantize-pytorch's first"
                    + " training step that assigns " + (unused == 1 ? "it" : "them") + " nothing sets " + (unused == 1 ? "it" : "them")
                    + " to zero (embed_avg / cluster_size)");
        }
    }

    /** New CRC-32s of the zip entries written, in the local header (unless a data descriptor holds it), the descriptor and the central directory. */
    private static void updateCrcs(Origin origin, ByteRegion region, List<StoredTensor> written, Splices splices) {
        ZipArchive zip = ZipArchive.read(origin, region, "a PyTorch checkpoint (torch.save zip format)");
        Map<String, ZipArchive.Entry> entries = new LinkedHashMap<>();
        written.forEach(t -> entries.put(t.storage().zipEntry().name(), t.storage().zipEntry()));
        for (ZipArchive.Entry entry : entries.values()) {
            String shown = "ZIP entry " + Printable.quoted(entry.name());
            long dataStart = zip.dataStart(entry);
            long dataEnd = dataStart + entry.compressedSize();
            long crcInDescriptor = -1;
            long end = dataEnd;
            if (entry.hasDataDescriptor()) {
                ByteBuffer d = ByteRegion.read(origin, region, dataEnd, (int) Math.min(8, zip.centralDirectoryOffset() - dataEnd), "read");
                if (d.limit() >= 8 && d.getInt(0) == DESCRIPTOR && d.getInt(4) == entry.crc()) {
                    crcInDescriptor = dataEnd + 4;
                } else if (d.limit() >= 4 && d.getInt(0) == entry.crc()) {
                    crcInDescriptor = dataEnd;
                } else {
                    throw origin.fail(shown + ": its data descriptor does not hold the CRC-32 of the central directory (corrupt); refused");
                }
                end = crcInDescriptor + 12; // CRC and two sizes of at least 4 bytes
            }
            for (ZipArchive.Entry other : zip.entries()) {
                if (other.name().equals(entry.name())) {
                    continue;
                }
                long otherStart = other.localHeaderOffset();
                long otherEnd = Math.max(otherStart + 30, zip.dataStart(other) + other.compressedSize());
                if (otherStart < end && entry.localHeaderOffset() < otherEnd) {
                    throw origin.fail(shown + " overlaps ZIP entry " + Printable.quoted(other.name()) + " (a crafted archive); refused");
                }
            }
            CRC32 crc = new CRC32();
            splices.stream(dataStart, dataEnd, crc::update);
            byte[] value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array();
            int local = ByteRegion.read(origin, region, entry.localHeaderOffset() + LOCAL_CRC, 4, "read").getInt(0);
            if (local == entry.crc()) {
                splices.add(entry.localHeaderOffset() + LOCAL_CRC, value, shown + "'s local CRC-32");
            } else if (!(local == 0 && entry.hasDataDescriptor())) {
                throw origin.fail(shown + ": its local header's CRC-32 disagrees with the central directory's (corrupt); refused");
            }
            if (crcInDescriptor >= 0) {
                splices.add(crcInDescriptor, value.clone(), shown + "'s data descriptor");
            }
            splices.add(entry.centralHeaderOffset() + CENTRAL_CRC, value.clone(), shown + "'s central CRC-32");
        }
    }

    /** The whole file with the splices, through the atomic writer; the free space is checked first. */
    /** Writes {@code region} with {@code splices} applied to {@code out}, atomically, after a free-space check. */
    public static void writeCopy(Origin origin, ByteRegion region, Splices splices, Path out) {
        Origin target = Origin.of(out);
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            try {
                long free = Files.getFileStore(dir).getUsableSpace();
                if (free < region.size() + SPARE_BYTES) {
                    throw target.fail("not enough free space: the patched copy needs " + mib(region.size() + SPARE_BYTES) + " and "
                            + dir + " has " + mib(free) + " free; nothing was written");
                }
            } catch (IOException e) {
                // the file system does not say: the write itself will report a full disk
            }
        }
        try (AtomicFile file = AtomicFile.create(out)) {
            splices.stream(0, region.size(), file);
            file.commit();
        }
    }

    private static String mib(long bytes) {
        return (bytes + (1 << 20) - 1 >> 20) + " MiB";
    }
}
