package vqlens.ui.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes 8-bit RGBA PNG files from ARGB pixels, with {@code java.util.zip} only (no AWT, so the desktop
 * module needs no {@code java.desktop}). Rows use the "Sub" filter, which suits charts' flat colours.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngEncoder() {
    }

    /**
     * @param argb   {@code width × height} pixels, row by row, {@code 0xAARRGGBB}
     * @param out    receives the PNG; not closed
     */
    public static void write(int[] argb, int width, int height, OutputStream out) throws IOException {
        if (width <= 0 || height <= 0 || argb.length < (long) width * height) {
            throw new IllegalArgumentException("need " + width + " x " + height + " pixels, got " + argb.length);
        }
        out.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeInt(header, width);
        writeInt(header, height);
        header.write(8); // bit depth
        header.write(6); // colour type RGBA
        header.write(0); // deflate
        header.write(0); // adaptive filtering
        header.write(0); // no interlace
        chunk(out, "IHDR", header.toByteArray());

        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + width * 4];
            row[0] = 1; // Sub
            for (int y = 0; y < height; y++) {
                int prev = 0;
                for (int x = 0; x < width; x++) {
                    int p = argb[y * width + x];
                    int i = 1 + x * 4;
                    row[i] = (byte) ((p >>> 16) - (prev >>> 16));
                    row[i + 1] = (byte) ((p >>> 8) - (prev >>> 8));
                    row[i + 2] = (byte) (p - prev);
                    row[i + 3] = (byte) ((p >>> 24) - (prev >>> 24));
                    prev = p;
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(out, data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
