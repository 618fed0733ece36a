package vqlens.core.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A 0-d numpy {@code str} array ({@code np.array("...")}, descr {@code <U<n>}): n UTF-32 code units,
 * the text padded with NULs that numpy strips on reading. The native {@code .npz} keeps its {@code meta}
 * JSON this way.
 */
public final class NpyText {
    private NpyText() {
    }

    /** Decodes a text array of one element; anything else (shape, dtype, bad code points) is refused. */
    public static String read(Origin origin, ByteRegion region) {
        NpyHeader header = NpyHeader.read(origin, region, true);
        if (!header.descr().isText()) {
            throw origin.fail("expected unicode text (a numpy str, dtype '<U…'), found " + header.describe());
        }
        if (header.count() != 1) {
            throw origin.fail("expected a single text value (0-d array), found shape " + header.shapeText());
        }
        int width = header.descr().textChars();
        ByteBuffer data = ByteRegion.read(origin, region, header.dataOffset(), width * 4, "read the text").order(header.order());
        StringBuilder text = new StringBuilder(width);
        int end = width;
        while (end > 0 && data.getInt((end - 1) * 4) == 0) {
            end--; // numpy pads with NULs and drops them when reading
        }
        for (int i = 0; i < end; i++) {
            int codePoint = data.getInt(i * 4);
            if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT
                    || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                throw origin.fail("text holds an invalid character code " + Integer.toUnsignedString(codePoint)
                        + " at position " + i);
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    /** The {@code .npy} bytes numpy writes for {@code np.save(f, np.array(text))}; at least one character wide. */
    public static byte[] encode(String text) {
        int[] codePoints = text.codePoints().toArray();
        int width = Math.max(1, codePoints.length);
        if (width > NpyDescr.MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("text of " + width + " characters is too long to store");
        }
        byte[] header = NpyHeader.encode("<U" + width, new long[0]);
        ByteBuffer out = ByteBuffer.allocate(header.length + width * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        for (int c : codePoints) {
            out.putInt(c);
        }
        return out.array();
    }
}
