package vqlens.core.io.internal;

import vqlens.core.Printable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The header of a {@code .safetensors} file, validated by the format's own rules (those of the
 * reference Rust implementation): a u64 little-endian length {@code N} (at most 100,000,000, checked
 * against the file size before anything is allocated), then {@code N} bytes of UTF-8 JSON starting with
 * {@code '{'}: {@code "__metadata__"} (string to string) and one entry per tensor with {@code dtype},
 * {@code shape} and {@code data_offsets} {@code [begin, end)} relative to the data section that follows.
 * Sorted by offsets the tensors must tile the data section exactly, from 0 to its end, without gaps or
 * overlaps, each spanning {@code elements × dtype size} bytes. Stricter than the reference in two
 * points: duplicate JSON keys are refused, and shapes have at most {@value #MAX_RANK} dimensions.
 */
final class SafetensorsHeader {
    /** The reference implementation's {@code MAX_HEADER_SIZE}. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    static final int MAX_RANK = 64;
    static final String METADATA = "__metadata__";

    /** One tensor entry; offsets are relative to the data section and validated against it. */
    record Tensor(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {
        int rank() {
            return shape.length;
        }

        long count() {
            long count = 1;
            for (long d : shape) {
                count *= d; // cannot overflow: checked when the header was read
            }
            return count;
        }

        String shapeText() {
            return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
        }

        /** E.g. {@code 'codebooks' (F32 [4, 256, 96])}. */
        String describe() {
            return Printable.quoted(name) + " (" + dtype + " " + shapeText() + ")";
        }
    }

    private final List<Tensor> tensors;
    private final Map<String, String> metadata;
    private final ByteRegion data;
    private final long dataStart;

    private SafetensorsHeader(List<Tensor> tensors, Map<String, String> metadata, ByteRegion data, long dataStart) {
        this.tensors = tensors;
        this.metadata = metadata;
        this.data = data;
        this.dataStart = dataStart;
    }

    /** Where the data section starts in the file: after the 8-byte length and the header. */
    long dataStart() {
        return dataStart;
    }

    /** The tensors in the order the header lists them. */
    List<Tensor> tensors() {
        return tensors;
    }

    /** {@code __metadata__}, empty if absent. */
    Map<String, String> metadata() {
        return metadata;
    }

    /** The bytes of one tensor. */
    ByteRegion data(Tensor tensor) {
        return data.slice(tensor.begin(), tensor.end() - tensor.begin());
    }

    Tensor find(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    static SafetensorsHeader read(Origin origin, ByteRegion region) {
        long size = region.size();
        if (size == 0) {
            throw origin.fail("empty file (0 bytes), not a safetensors file");
        }
        if (size < 8) {
            throw origin.fail("truncated: a safetensors file starts with an 8-byte header length, the file has only " + size + " bytes");
        }
        long n = ByteRegion.read(origin, region, 0, 8, "read the header length").getLong(0);
        if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
            throw origin.fail(foreign(origin, region, "header length " + Long.toUnsignedString(n)
                    + " exceeds the safetensors limit of " + MAX_HEADER_BYTES + " bytes"));
        }
        if (n > size - 8) {
            throw origin.fail(foreign(origin, region, "truncated: header length " + n + " runs past the end of the file ("
                    + size + " bytes)"));
        }
        ByteBuffer bytes = ByteRegion.read(origin, region, 8, (int) n, "read the header");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw origin.fail("malformed header: not valid UTF-8");
        }
        if (!text.startsWith("{")) {
            throw origin.fail(n == 0 ? "malformed header: empty (header length 0)"
                    : "malformed header: does not start with '{' (not a safetensors file?)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Tensor> tensors = parse(origin, text, metadata);
        ByteRegion data = region.slice(8 + n, size - 8 - n);
        validateOffsets(origin, tensors, data.size());
        return new SafetensorsHeader(List.copyOf(tensors), metadata, data, 8 + n);
    }

    /** Files in other formats give absurd header lengths; say what they are instead. */
    private static String foreign(Origin origin, ByteRegion region, String problem) {
        ByteBuffer start = ByteRegion.read(origin, region, 0, 6, "read the file");
        if (start.get(0) == 'P' && start.get(1) == 'K' && start.get(2) == 3 && start.get(3) == 4) {
            return "not a safetensors file: it is a ZIP archive (an .npz, or a PyTorch .pt checkpoint, which VQ Lens does not load)";
        }
        if ((start.get(0) & 0xff) == 0x93 && start.get(1) == 'N' && start.get(2) == 'U' && start.get(3) == 'M') {
            return "not a safetensors file: it is an NPY array; name it .npy";
        }
        if ((start.get(0) & 0xff) == 0x80 && start.get(1) >= 2 && start.get(1) <= 5) {
            return "not a safetensors file: it is a Python pickle (a legacy PyTorch checkpoint), which VQ Lens never loads";
        }
        return problem;
    }

    private static List<Tensor> parse(Origin origin, String text, Map<String, String> metadata) {
        List<Tensor> tensors = new ArrayList<>();
        try (JsonParser p = JsonText.parser(text)) {
            expect(origin, p.nextToken() == JsonToken.START_OBJECT, "the header must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(METADATA)) {
                    readMetadata(origin, p, value, metadata);
                } else {
                    tensors.add(readTensor(origin, p, value, name));
                }
            }
            expect(origin, p.currentToken() == JsonToken.END_OBJECT, "the header must be a JSON object");
            if (p.nextToken() != null) {
                throw origin.fail("malformed header: unexpected text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw origin.fail("malformed header: " + JsonText.problem(e));
        } catch (IOException e) {
            throw origin.fail("malformed header: unreadable JSON");
        }
        return tensors;
    }

    private static void readMetadata(Origin origin, JsonParser p, JsonToken value, Map<String, String> metadata) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        expect(origin, value == JsonToken.START_OBJECT, "'__metadata__' must be an object of strings");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw origin.fail("malformed header: '__metadata__' values must be strings, " + Printable.quoted(key) + " is not");
            }
            metadata.put(key, p.getText());
        }
    }

    private static Tensor readTensor(Origin origin, JsonParser p, JsonToken value, String name) throws IOException {
        String shown = "tensor " + Printable.quoted(name);
        expect(origin, value == JsonToken.START_OBJECT, shown + " must be an object with dtype, shape and data_offsets");
        String dtypeName = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            switch (field) {
                case "dtype" -> {
                    expect(origin, token == JsonToken.VALUE_STRING, shown + ": 'dtype' must be a string");
                    dtypeName = p.getText();
                }
                case "shape" -> shape = readLongs(origin, p, token, shown + ": 'shape'", MAX_RANK);
                case "data_offsets" -> {
                    offsets = readLongs(origin, p, token, shown + ": 'data_offsets'", 2);
                    expect(origin, offsets.length == 2, shown + ": 'data_offsets' must be [begin, end]");
                }
                default -> p.skipChildren(); // the reference implementation ignores unknown fields
            }
        }
        if (dtypeName == null || shape == null || offsets == null) {
            String missing = dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets";
            throw origin.fail("malformed header: " + shown + " has no '" + missing + "'");
        }
        String dtypeText = dtypeName;
        SafetensorsDtype dtype = SafetensorsDtype.named(dtypeName).orElseThrow(() -> origin.fail(
                shown + " has an unknown dtype " + Printable.quoted(dtypeText)));
        return new Tensor(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of at most {@code max} non-negative integers. */
    private static long[] readLongs(Origin origin, JsonParser p, JsonToken token, String what, int max) throws IOException {
        expect(origin, token == JsonToken.START_ARRAY, what + " must be an array of non-negative integers");
        long[] values = new long[Math.min(max, 8)];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(origin, p.currentToken() == JsonToken.VALUE_NUMBER_INT, what + " must be an array of non-negative integers");
            if (n == max) {
                throw origin.fail(what + " has more than " + max + " entries");
            }
            BigInteger v = p.getBigIntegerValue();
            if (v.signum() < 0) {
                throw origin.fail(what + " holds a negative number (" + v + ")");
            }
            if (v.bitLength() > 63) {
                throw origin.fail(what + " holds an absurdly large number (" + v + ")");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, Math.min(max, n * 2));
            }
            values[n++] = v.longValue();
        }
        return Arrays.copyOf(values, n);
    }

    /** The reference rules: sizes match dtype × shape, and sorted by offsets the tensors tile the data exactly. */
    private static void validateOffsets(Origin origin, List<Tensor> tensors, long dataSize) {
        for (Tensor t : tensors) {
            String shown = "tensor " + Printable.quoted(t.name());
            if (t.end() < t.begin()) {
                throw origin.fail(shown + ": data_offsets [" + t.begin() + ", " + t.end() + "] end before they begin");
            }
            long count = 1;
            for (long d : t.shape()) { // checked in order, like the reference: overflow anywhere is an error
                if (d != 0 && count > Long.MAX_VALUE / d) {
                    throw origin.fail(shown + ": shape " + t.shapeText() + " is absurdly large (its element count overflows)");
                }
                count *= d;
            }
            if (count > Long.MAX_VALUE / t.dtype().bits()) {
                throw origin.fail(shown + ": shape " + t.shapeText() + " is absurdly large (its byte size overflows)");
            }
            long bits = count * t.dtype().bits();
            if (bits % 8 != 0) {
                throw origin.fail(shown + ": " + count + " " + t.dtype() + " elements do not fill whole bytes");
            }
            if (t.end() - t.begin() != bits / 8) {
                throw origin.fail(shown + ": dtype " + t.dtype() + " and shape " + t.shapeText() + " need " + bits / 8
                        + " bytes but data_offsets [" + t.begin() + ", " + t.end() + "] span " + (t.end() - t.begin()));
            }
        }
        List<Tensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(Tensor::begin).thenComparingLong(Tensor::end));
        long covered = 0;
        Tensor previous = null;
        for (Tensor t : sorted) {
            if (t.begin() > covered) {
                throw origin.fail("bytes " + covered + " to " + t.begin() + " of the data section are not covered by any tensor"
                        + " (the next one is " + Printable.quoted(t.name()) + ")");
            }
            if (t.begin() < covered) {
                throw origin.fail("tensor " + Printable.quoted(t.name()) + " (data_offsets [" + t.begin() + ", " + t.end()
                        + "]) overlaps tensor " + Printable.quoted(previous.name()) + " (data_offsets [" + previous.begin()
                        + ", " + previous.end() + "])");
            }
            covered = t.end();
            previous = t;
        }
        if (covered > dataSize) {
            throw origin.fail("truncated: tensor " + Printable.quoted(previous.name()) + " ends at byte " + covered
                    + " of the data section, which holds only " + dataSize + " bytes");
        }
        if (covered < dataSize) {
            throw origin.fail((dataSize - covered) + " unexpected bytes after the last tensor (the tensors cover "
                    + covered + " of the " + dataSize + " data bytes)");
        }
    }

    private static void expect(Origin origin, boolean condition, String problem) {
        if (!condition) {
            throw origin.fail("malformed header: " + problem);
        }
    }
}
