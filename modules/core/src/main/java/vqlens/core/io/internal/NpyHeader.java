package vqlens.core.io.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import vqlens.core.io.NpyDtype;

/**
 * The header of an {@code .npy} file, read and validated against the size of the bytes that hold it:
 * magic, version, header length (bounded before anything is allocated), the dict literal, dtype, shape
 * (no negative dimension, no overflow of the element count or byte size) and an exact data size.
 * Also writes the NPY 1.0 header numpy itself would write.
 */
public final class NpyHeader {
    /** {@code \x93NUMPY}. */
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Refuse longer headers before allocating (numpy's own loader stops at 10000 by default). */
    public static final int MAX_HEADER_BYTES = 65_536;
    /** numpy 1.x allows 32 dimensions, 2.x 64. */
    public static final int MAX_RANK = 64;
    private static final int ALIGN = 64;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private final NpyDescr descr;
    private final boolean fortranOrder;
    private final long[] shape;
    private final long count;
    private final long dataOffset;

    private NpyHeader(NpyDescr descr, boolean fortranOrder, long[] shape, long count, long dataOffset) {
        this.descr = descr;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.count = count;
        this.dataOffset = dataOffset;
    }

    public NpyDtype dtype() {
        return descr.dtype();
    }

    public ByteOrder order() {
        return descr.order();
    }

    public boolean fortranOrder() {
        return fortranOrder;
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long count() {
        return count;
    }

    /** Offset of the first data byte in the region the header was read from. */
    public long dataOffset() {
        return dataOffset;
    }

    public long dataBytes() {
        return count * descr.itemSize();
    }

    /** The element type and byte order; for unicode text ({@link #read(Origin, ByteRegion, boolean)}) the width. */
    public NpyDescr descr() {
        return descr;
    }

    /** The shape as numpy prints it: {@code (4, 256, 96)}, {@code (5,)}, {@code ()}. */
    public String shapeText() {
        return shapeText(shape);
    }

    public static String shapeText(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** E.g. {@code 512 x 384 float32} or {@code scalar bool}. */
    public String describe() {
        String dims = shape.length == 0 ? "scalar"
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(" x "));
        return dims + " " + descr;
    }

    /** Reads and validates the header at the start of {@code region}, which must hold exactly the array. */
    public static NpyHeader read(Origin origin, ByteRegion region) {
        return read(origin, region, false);
    }

    /** Like {@link #read(Origin, ByteRegion)}; with {@code allowText} also unicode text ({@code <U…}), whose {@link #dtype} is null. */
    public static NpyHeader read(Origin origin, ByteRegion region, boolean allowText) {
        long size = region.size();
        if (size == 0) {
            throw origin.fail("empty file (0 bytes), not an NPY array");
        }
        ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(12, size)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(origin, region, 0, prefix);
        byte[] start = Arrays.copyOf(prefix.array(), Math.min(prefix.capacity(), MAGIC.length));
        if (!Arrays.equals(start, Arrays.copyOf(MAGIC, start.length))) {
            throw origin.fail("not an NPY file (bad magic " + hex(start) + ", expected 93 4E 55 4D 50 59 = \\x93NUMPY)");
        }
        if (size < 10) {
            throw origin.fail("truncated: the file ends inside the NPY header (" + size + " bytes)");
        }
        int major = prefix.get(6) & 0xff;
        int minor = prefix.get(7) & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw origin.fail("unsupported NPY version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (size < 8 + lengthBytes) {
            throw origin.fail("truncated: the file ends inside the NPY header (" + size + " bytes)");
        }
        long headerLength = major == 1 ? prefix.getShort(8) & 0xffffL : prefix.getInt(8) & 0xffffffffL;
        long dataOffset = 8 + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_BYTES) {
            throw origin.fail("header length " + headerLength + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (dataOffset > size) {
            throw origin.fail("truncated: header length " + headerLength + " runs past the end of the file ("
                    + size + " bytes)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(origin, region, 8 + lengthBytes, headerBytes);
        String text = decodeText(origin, headerBytes.array(), major == 3);
        NpyHeader header = parseDict(origin, text, dataOffset, allowText);
        long expected = dataOffset + header.dataBytes(); // cannot overflow: dataBytes was checked against it
        if (size < expected) {
            throw origin.fail("truncated: header says " + header.describe() + " (" + header.dataBytes()
                    + " bytes of data) but the file holds " + (size - dataOffset) + " bytes of data");
        }
        if (size > expected) {
            throw origin.fail((size - expected) + " unexpected bytes after the data (header says "
                    + header.describe() + ", " + header.dataBytes() + " bytes of data)");
        }
        return header;
    }

    private static String decodeText(Origin origin, byte[] bytes, boolean utf8) {
        if (!utf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw origin.fail("malformed header: not valid UTF-8");
        }
    }

    private static NpyHeader parseDict(Origin origin, String text, long dataOffset, boolean allowText) {
        Object literal;
        try {
            literal = PyLiteralParser.parse(text);
        } catch (PyLiteralParser.SyntaxError e) {
            throw origin.fail("malformed header: " + e.getMessage());
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw origin.fail("malformed header: not a Python dict");
        }
        if (!dict.keySet().equals(KEYS)) {
            String keys = dict.keySet().stream().map(k -> "'" + PyLiteralParser.shorten((String) k) + "'")
                    .sorted().collect(Collectors.joining(", "));
            throw origin.fail("malformed header: keys must be 'descr', 'fortran_order', 'shape', found " + keys);
        }
        Object descrValue = dict.get("descr");
        if (descrValue instanceof List<?>) {
            throw origin.fail("structured dtype (a list of fields) is not supported; expected one of "
                    + NpyDescr.SUPPORTED);
        }
        if (!(descrValue instanceof String descrText)) {
            throw origin.fail("malformed header: 'descr' must be a string, found " + kind(descrValue));
        }
        NpyDescr descr = NpyDescr.parse(descrText, origin, allowText);
        if (!(dict.get("fortran_order") instanceof Boolean fortranOrder)) {
            throw origin.fail("malformed header: 'fortran_order' must be True or False, found "
                    + kind(dict.get("fortran_order")));
        }
        if (!(dict.get("shape") instanceof PyLiteralParser.Tuple tuple)) {
            throw origin.fail("malformed header: 'shape' must be a tuple of integers, found " + kind(dict.get("shape")));
        }
        List<Object> items = tuple.items();
        if (items.size() > MAX_RANK) {
            throw origin.fail("shape has " + items.size() + " dimensions (at most " + MAX_RANK + " supported)");
        }
        long[] shape = new long[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof BigInteger dim)) {
                throw origin.fail("malformed header: 'shape' must be a tuple of integers, found " + kind(items.get(i))
                        + " at position " + i);
            }
            if (dim.signum() < 0) {
                throw origin.fail("shape " + shapeTextOf(items) + " has a negative dimension");
            }
            if (dim.bitLength() > 63) {
                throw origin.fail("shape " + shapeTextOf(items) + " is absurdly large");
            }
            shape[i] = dim.longValueExact();
        }
        long count = elementCount(shape);
        long maxData = Long.MAX_VALUE - dataOffset;
        if (count < 0 || count > maxData / descr.itemSize()) {
            throw origin.fail("shape " + shapeText(shape) + " is absurdly large: its " + descr
                    + " data would exceed " + Long.MAX_VALUE + " bytes");
        }
        return new NpyHeader(descr, fortranOrder, shape, count, dataOffset);
    }

    /** Product of the dimensions, or -1 if it overflows a long. Dimensions must be non-negative. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long d : shape) {
            if (d == 0) {
                return 0; // a zero dimension makes any other size harmless
            }
        }
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + shapeText(shape));
            }
            if (count > Long.MAX_VALUE / d) {
                return -1;
            }
            count *= d;
        }
        return count;
    }

    /**
     * The NPY 1.0 header numpy writes for a little-endian C-order array: magic, version, length and the
     * dict literal padded with spaces and a newline so that the data starts at a multiple of 64.
     */
    public static byte[] encode(NpyDtype dtype, long[] shape) {
        return encode(NpyDescr.littleEndian(dtype), shape);
    }

    /** {@link #encode(NpyDtype, long[])} for any descr string, e.g. {@code <U12} (unicode text). */
    public static byte[] encode(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + shapeText(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        int headerLength = padded - MAGIC.length - 4;
        if (headerLength > 0xffff) {
            throw new IllegalArgumentException("shape " + shapeText(shape) + " does not fit an NPY 1.0 header");
        }
        ByteBuffer out = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
        out.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (out.remaining() > 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    private static void readFully(Origin origin, ByteRegion region, long pos, ByteBuffer dst) {
        try {
            region.readFully(pos, dst);
        } catch (IOException e) {
            throw origin.io("read the header", e);
        }
    }

    private static String shapeTextOf(List<Object> items) {
        String text = items.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", items.size() == 1 ? ",)" : ")"));
        return PyLiteralParser.shorten(text);
    }

    private static String kind(Object value) {
        if (value instanceof String s) {
            return "'" + PyLiteralParser.shorten(s) + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a dict";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof PyLiteralParser.Tuple t) {
            return PyLiteralParser.shorten(shapeTextOf(t.items()));
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xff));
        }
        return sb.toString();
    }
}
