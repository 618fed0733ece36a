package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import vqlens.core.Printable;

import vqlens.core.io.internal.faiss.FaissReader;
import vqlens.core.io.internal.torch.TorchLegacyReader;
import vqlens.core.io.internal.torch.TorchZipReader;

/**
 * Model files, recognised by their content rather than their extension: {@code .pt}, {@code .pth}, {@code .bin}
 * and {@code .ckpt} are also what other tools call raw floats, TensorFlow checkpoints or GGML models. A
 * {@code torch.save} zip (a ZIP with {@code <folder>/data.pkl}) and the legacy {@code torch.save} format (pickles
 * from the magic number on) are read; anything else is named in one line.
 */
public final class ModelFiles {
    /** The extensions of PyTorch checkpoints, lower case, without the dot. */
    public static final List<String> EXTENSIONS = List.of("pt", "pth", "bin", "ckpt");
    /** The extensions of FAISS files: {@code faiss.write_index} ({@code .index}, {@code .faiss}), {@code write_ProductQuantizer} ({@code .pq}). */
    public static final List<String> FAISS_EXTENSIONS = List.of("index", "faiss", "pq");
    private static final String BARE_PQ = "pq";
    private static final int SNIFFED = 512;
    /** The last 8 bytes of a LevelDB table, the container of TensorFlow's checkpoint index. */
    private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;

    private ModelFiles() {
    }

    public static boolean isModelExtension(String extension) {
        String e = extension.toLowerCase(Locale.ROOT);
        return EXTENSIONS.contains(e) || FAISS_EXTENSIONS.contains(e);
    }

    /**
     * The tensors of the checkpoint or FAISS file in {@code region}, or a one-line refusal saying what the file is
     * instead. A {@code .pq} file ({@code faiss.write_ProductQuantizer}) has no magic of its own, so it is known by
     * its extension; everything else by its first bytes.
     */
    public static ModelCodebooks.Contents contents(Origin origin, ByteRegion region) {
        long size = region.size();
        if (size == 0) {
            throw origin.fail("empty file");
        }
        ByteBuffer head = ByteRegion.read(origin, region, 0, (int) Math.min(SNIFFED, size), "read");
        byte[] b = new byte[head.limit()];
        head.get(0, b);
        if (FaissReader.looksLikeIndex(b)) {
            return FaissReader.readIndex(origin, region);
        }
        boolean zipOrTorch = startsWith(b, "PK\u0003\u0004") || startsWith(b, "PK\u0005\u0006") || TorchLegacyReader.looksLike(b);
        String extension = extensionOf(origin);
        if (FAISS_EXTENSIONS.contains(extension) && !zipOrTorch) {
            if (extension.equals(BARE_PQ) && !startsWith(b, "\u0093NUMPY")) {
                return FaissReader.readProductQuantizer(origin, region);
            }
            long tail = size >= 16 ? ByteRegion.read(origin, region, size - 8, 8, "read").getLong(0) : 0;
            String what = whatElse(b, size, tail);
            throw origin.fail(what.startsWith("holds raw bytes") ? "is not a FAISS index: it starts with "
                    + Printable.quoted(new String(b, 0, Math.min(4, b.length), StandardCharsets.ISO_8859_1))
                    + ", not the fourcc of an index faiss.write_index writes (IxPq, IwPQ, IxPT, …)"
                    : what.replace("PyTorch checkpoint", extension.equals(BARE_PQ) ? "FAISS product quantizer" : "FAISS index"));
        }
        if (startsWith(b, "PK\u0003\u0004") || startsWith(b, "PK\u0005\u0006")) {
            ZipArchive zip = ZipArchive.read(origin, region, "a PyTorch checkpoint (torch.save zip format)");
            if (!TorchZipReader.isCheckpoint(zip)) {
                boolean npz = zip.entries().stream().anyMatch(e -> e.name().endsWith(".npy"));
                throw origin.fail(npz ? "is a NumPy archive (.npz), not a PyTorch checkpoint; name it .npz"
                        : "is a ZIP archive without <folder>/data.pkl, not a torch.save checkpoint");
            }
            return TorchZipReader.read(origin, zip);
        }
        if (TorchLegacyReader.looksLike(b)) {
            return TorchLegacyReader.read(origin, region);
        }
        long tail = size >= 16 ? ByteRegion.read(origin, region, size - 8, 8, "read").getLong(0) : 0;
        throw origin.fail(whatElse(b, size, tail));
    }

    /** What a file that is no checkpoint is, as far as its first bytes tell. */
    private static String whatElse(byte[] b, long size, long tail) {
        if (b.length > 262 && new String(b, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return "is a tar archive: the torch.save format of PyTorch before 1.0, which VQ Lens does not read"
                    + " (load it with an old PyTorch and save it again)";
        }
        if ((b[0] & 0xff) == 0x80 && b.length > 1 && b[1] >= 2 && b[1] <= 5) {
            return "is a Python pickle but not a torch.save checkpoint (no PyTorch magic number); VQ Lens reads no other pickles";
        }
        if (startsWith(b, "\u0093NUMPY")) {
            return "is a NumPy .npy array, not a PyTorch checkpoint; name it .npy";
        }
        if (b.length >= 9 && b[8] == '{' && ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0) < size) {
            return "is a safetensors file, not a PyTorch checkpoint; name it .safetensors";
        }
        if (startsWith(b, "GGUF") || startsWith(b, "lmgg") || startsWith(b, "tjgg") || startsWith(b, "fmgg")) {
            return "is a GGML/GGUF model (llama.cpp), not a PyTorch checkpoint";
        }
        if (startsWith(b, "\u0089HDF\r\n\u001a\n")) {
            return "is an HDF5 file (Keras or TensorFlow weights?), not a PyTorch checkpoint";
        }
        if (tail == TABLE_MAGIC) {
            return "is a TensorFlow checkpoint index, not a PyTorch checkpoint";
        }
        return "holds raw bytes with no header VQ Lens knows: not a PyTorch checkpoint (torch.save writes a ZIP archive)";
    }

    /** The file's extension, lower case, without the dot ({@code ""} if none). */
    private static String extensionOf(Origin origin) {
        String name = origin.file().getFileName() == null ? "" : origin.file().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] b, String magic) {
        if (b.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((b[i] & 0xff) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
