package vqlens.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import vqlens.core.Printable;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.AmbiguousCodebookException;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFormat;

/**
 * Reads codebooks from a {@code .safetensors} file: a PyTorch {@code state_dict} with {@code codebooks}
 * ({@code [H,K,D]}, or {@code [K,D]} as one head) and {@code inited}, possibly under a prefix inside a
 * bigger model ({@code quantizer.codebooks}, {@code vq.codebooks}). F16, BF16 and F64 become float32.
 */
public final class SafetensorsReader {
    private static final int BUFFER_BYTES = 1 << 20;

    private SafetensorsReader() {
    }

    /**
     * The tensors that look like codebooks: F32/F16/BF16/F64 of rank 2 or 3 named {@code codebooks} or
     * {@code <prefix>.codebooks}; failing those, the only rank-3 float tensor, if there is exactly one.
     * In the header's order.
     */
    static List<String> candidates(SafetensorsHeader header) {
        List<String> named = header.tensors().stream()
                .filter(t -> t.dtype().codebook() && (t.rank() == 2 || t.rank() == 3))
                .filter(t -> t.name().equals(CodebookReader.CODEBOOKS) || t.name().endsWith("." + CodebookReader.CODEBOOKS))
                .map(SafetensorsHeader.Tensor::name)
                .collect(Collectors.toList());
        if (!named.isEmpty()) {
            return named;
        }
        List<String> rank3 = header.tensors().stream()
                .filter(t -> t.dtype().codebook() && t.rank() == 3)
                .map(SafetensorsHeader.Tensor::name)
                .collect(Collectors.toList());
        return rank3.size() == 1 ? rank3 : List.of();
    }

    public static List<String> candidates(Origin origin, ByteRegion region) {
        SafetensorsHeader header = SafetensorsHeader.read(origin, region);
        List<String> candidates = candidates(header);
        if (candidates.isEmpty()) {
            throw noCandidates(origin, header);
        }
        return candidates;
    }

    public static CodebookFileInfo read(Origin origin, ByteRegion region, String key) {
        SafetensorsHeader header = SafetensorsHeader.read(origin, region);
        List<String> candidates = candidates(header);
        SafetensorsHeader.Tensor tensor = choose(origin, header, candidates, key);
        QuantizerConfig config = CodebookReader.codebookConfig(origin, tensor.shape(), "tensor " + Printable.quoted(tensor.name()) + ": ");

        String flagName = prefix(tensor.name()) + "inited";
        SafetensorsHeader.Tensor flag = header.find(flagName);
        boolean inited;
        String initedFrom;
        if (flag != null) {
            inited = readFlag(origin, header, flag);
            initedFrom = "tensor " + Printable.quoted(flagName);
        } else if (header.metadata().containsKey("inited")) {
            inited = metadataFlag(origin, header.metadata().get("inited"));
            initedFrom = "__metadata__ \"inited\"";
        } else {
            inited = true; // like an .npy: a file without the flag holds trained codebooks
            initedFrom = "absent (counts as initialised)";
        }
        HeapCheck.floats(origin, config.codebookValues(), "the codebooks (" + config + ")");
        float[] values = new float[config.codebookValues()];
        readFloats(origin, header.data(tensor), tensor.dtype(), values);
        List<String> keys = header.tensors().stream().map(SafetensorsHeader.Tensor::name).collect(Collectors.toList());
        List<Long> shape = Arrays.stream(tensor.shape()).boxed().collect(Collectors.toList());
        return new CodebookFileInfo(origin.file(), CodebookFormat.SAFETENSORS, keys, candidates, tensor.name(), shape,
                tensor.dtype().name(), initedFrom, CodebookDocument.of(Codebooks.wrap(config, values, inited)));
    }

    private static SafetensorsHeader.Tensor choose(Origin origin, SafetensorsHeader header, List<String> candidates, String key) {
        if (key == null) {
            if (candidates.isEmpty()) {
                throw noCandidates(origin, header);
            }
            if (candidates.size() > 1) {
                throw new AmbiguousCodebookException(origin.file(), candidates);
            }
            return header.find(candidates.get(0));
        }
        SafetensorsHeader.Tensor tensor = header.find(key);
        if (tensor == null) {
            throw origin.fail("no tensor " + Printable.quoted(key) + " in the file; "
                    + (candidates.isEmpty() ? "it holds: " + listed(header) : "candidates: " + CodebookReader.listed(candidates)));
        }
        if (!tensor.dtype().codebook()) {
            throw origin.fail("tensor " + tensor.describe() + " cannot be codebooks: they must be "
                    + SafetensorsDtype.CODEBOOK_TYPES);
        }
        if (tensor.rank() != 2 && tensor.rank() != 3) {
            throw origin.fail("tensor " + tensor.describe() + " cannot be codebooks: they must be [heads, codes, dim] or [codes, dim]");
        }
        return tensor;
    }

    /** {@code quantizer.codebooks} → {@code quantizer.}; {@code codebooks} → empty; {@code vq.embed} → {@code vq.}. */
    static String prefix(String key) {
        if (key.equals(CodebookReader.CODEBOOKS) || key.endsWith("." + CodebookReader.CODEBOOKS)) {
            return key.substring(0, key.length() - CodebookReader.CODEBOOKS.length());
        }
        return key.substring(0, key.lastIndexOf('.') + 1);
    }

    private static RuntimeException noCandidates(Origin origin, SafetensorsHeader header) {
        return origin.fail("no codebook tensor (a " + SafetensorsDtype.CODEBOOK_TYPES + " tensor [heads, codes, dim] or [codes, dim]"
                + " named 'codebooks' or '<prefix>.codebooks', or a single 3-D float tensor); it holds: " + listed(header));
    }

    private static String listed(SafetensorsHeader header) {
        List<SafetensorsHeader.Tensor> tensors = header.tensors();
        if (tensors.isEmpty()) {
            return "no tensors";
        }
        String shown = tensors.stream().limit(20).map(SafetensorsHeader.Tensor::describe).collect(Collectors.joining(", "));
        return tensors.size() > 20 ? shown + ", … (" + (tensors.size() - 20) + " more)" : shown;
    }

    /** A flag tensor: BOOL or integer, exactly one element; true when any of its bytes is non-zero. */
    private static boolean readFlag(Origin origin, SafetensorsHeader header, SafetensorsHeader.Tensor flag) {
        if (!flag.dtype().flag() || flag.count() != 1) {
            throw origin.fail("tensor " + flag.describe() + " must be a single BOOL or integer value");
        }
        ByteBuffer bytes = ByteRegion.read(origin, header.data(flag), 0, flag.dtype().bytes(), "read the data");
        for (int i = 0; i < bytes.limit(); i++) {
            if (bytes.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code __metadata__} values are strings; Python writes {@code str(True)}, JSON-minded tools {@code true}. */
    private static boolean metadataFlag(Origin origin, String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> throw origin.fail("__metadata__ \"inited\" must be \"true\" or \"false\", found " + Printable.quoted(value));
        }
    }

    /** Little-endian C-order values of a float dtype into {@code dst}, converted to float32. */
    private static void readFloats(Origin origin, ByteRegion data, SafetensorsDtype dtype, float[] dst) {
        int size = dtype.bytes();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER_BYTES, Math.max(size, data.size()))).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buffer.capacity() / size;
        for (int done = 0; done < dst.length; ) {
            int n = Math.min(perChunk, dst.length - done);
            buffer.clear().limit(n * size);
            try {
                data.readFully((long) done * size, buffer);
            } catch (IOException e) {
                throw origin.io("read the data", e);
            }
            switch (dtype) {
                case F32 -> buffer.flip().asFloatBuffer().get(dst, done, n);
                case F64 -> {
                    for (int i = 0; i < n; i++) {
                        dst[done + i] = (float) buffer.getDouble(i * 8);
                    }
                }
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        dst[done + i] = halfToFloat(buffer.getShort(i * 2));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < n; i++) {
                        dst[done + i] = Float.intBitsToFloat((buffer.getShort(i * 2) & 0xffff) << 16);
                    }
                }
                default -> throw new IllegalStateException("not a codebook dtype: " + dtype);
            }
            done += n;
        }
    }

    /** IEEE 754 binary16 to float32, exactly (every half value is a float); NaN payloads are kept. */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // zero or subnormal
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13); // infinity or NaN
        }
        return Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | mantissa << 13);
    }
}
