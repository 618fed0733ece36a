package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

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
    private static final int SNIFFED = 512;
    /** The last 8 bytes of a LevelDB table, the container of TensorFlow's checkpoint index. */
    private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;

    private ModelFiles() {
    }

    public static boolean isModelExtension(String extension) {
        return EXTENSIONS.contains(extension.toLowerCase(Locale.ROOT));
    }

    /** The tensors of the checkpoint in {@code region}, or a one-line refusal saying what the file is instead. */
    public static ModelCodebooks.Contents contents(Origin origin, ByteRegion region) {
        long size = region.size();
        if (size == 0) {
            throw origin.fail("empty file");
        }
        ByteBuffer head = ByteRegion.read(origin, region, 0, (int) Math.min(SNIFFED, size), "read");
        byte[] b = new byte[head.limit()];
        head.get(0, b);
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
        if (startsWith(b, "IxPq") || startsWith(b, "IwPQ") || startsWith(b, "IxPT") || startsWith(b, "IxF2") || startsWith(b, "IxFl")) {
            return "is a FAISS index, not a PyTorch checkpoint (FAISS files are not read yet)";
        }
        if (tail == TABLE_MAGIC) {
            return "is a TensorFlow checkpoint index, not a PyTorch checkpoint";
        }
        return "holds raw bytes with no header VQ Lens knows: not a PyTorch checkpoint (torch.save writes a ZIP archive)";
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
