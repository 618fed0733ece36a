package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.VqException;

/** The image lessons' loader: bundled photos, exact PNGs, big images subsampled, broken files refused in one line. */
class LessonImageTest {
    /** The subsampled decode may exceed one megapixel by the rounding of its last row and column. */
    private static final double MAX_DECODED_PIXELS = 1.1e6;

    @TempDir
    Path dir;

    @Test
    void theBundledPhotosLoadAtTheirSize() {
        for (String name : new String[] {LessonImage.CHINA, LessonImage.FLOWER}) {
            LessonImage image = LessonImage.bundled(name);
            assertEquals(640, image.width(), name);
            assertEquals(427, image.height(), name);
            assertEquals(1, image.subsampling());
            assertEquals(640 * 427 * 3, image.rgb().length);
            assertEquals(name, image.name());
        }
    }

    @Test
    void aPngLoadsExactly() throws IOException {
        BufferedImage png = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                png.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path file = dir.resolve("small.png");
        ImageIO.write(png, "png", file.toFile());
        LessonImage image = LessonImage.open(file);
        assertEquals(7, image.width());
        assertEquals(5, image.height());
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                int p = png.getRGB(x, y);
                assertEquals((p >> 16) & 0xff, Math.round(image.value(x, y, 0) * 255), "red at " + x + "," + y);
                assertEquals((p >> 8) & 0xff, Math.round(image.value(x, y, 1) * 255));
                assertEquals(p & 0xff, Math.round(image.value(x, y, 2) * 255));
            }
        }
    }

    @Test
    void aBigImageIsDecodedSubsampledWithItsAspectKept() throws IOException {
        Path file = dir.resolve("big.png");
        Files.write(file, onePngColour(6000, 4000, 40, 200, 90, 4000));
        LessonImage image = LessonImage.open(file);
        assertTrue((long) image.width() * image.height() <= MAX_DECODED_PIXELS,
                image.width() + " × " + image.height());
        assertEquals(5, image.subsampling());
        assertEquals(6000.0 / 4000, (double) image.width() / image.height(), 0.01, "aspect kept");
        assertEquals(200, Math.round(image.value(image.width() / 2, image.height() / 2, 1) * 255));
    }

    @Test
    void aHugeHeaderWithoutItsPixelsIsRefusedWithoutDecodingFullSize() throws IOException {
        // 20000 × 20000 claimed (1.2 GB as RGB bytes), 10 rows present: refused as cut off, never allocated whole
        Path file = dir.resolve("huge.png");
        Files.write(file, onePngColour(20000, 20000, 1, 2, 3, 10));
        VqException e = assertThrows(VqException.class, () -> LessonImage.open(file));
        assertOneLine(e, "huge.png: truncated or damaged");
    }

    @Test
    void aTruncatedJpegIsRefused() throws IOException {
        byte[] whole;
        try (InputStream in = LessonImage.class.getResourceAsStream("/vqlens/ui/learn/bundled/china.jpg")) {
            whole = in.readAllBytes();
        }
        Path file = dir.resolve("cut.jpg");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        assertOneLine(assertThrows(VqException.class, () -> LessonImage.open(file)), "cut.jpg: truncated or damaged");
    }

    @Test
    void aCmykJpegIsRefused() throws IOException {
        // ImageIO writes a four-band raster as a four-component JPEG, which decoders (PIL among them) read as CMYK
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        Path file = dir.resolve("print.jpg");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        assertOneLine(assertThrows(VqException.class, () -> LessonImage.open(file)), "print.jpg: a CMYK JPEG");
    }

    @Test
    void randomBytesAndAnEmptyFileAreRefused() throws IOException {
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);
        Path random = dir.resolve("noise.png");
        Files.write(random, noise);
        assertOneLine(assertThrows(VqException.class, () -> LessonImage.open(random)),
                "noise.png: not a PNG or JPEG image");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertOneLine(assertThrows(VqException.class, () -> LessonImage.open(empty)), "empty.jpg: the file is empty");
        assertOneLine(assertThrows(VqException.class, () -> LessonImage.open(dir.resolve("absent.png"))),
                "absent.png: no such file");
    }

    private static void assertOneLine(VqException e, String start) {
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** An 8-bit RGB PNG of one colour, {@code rows} of its {@code h} rows present: tiny for any size once deflated. */
    private static byte[] onePngColour(int w, int h, int r, int g, int b, int rows) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(ihdr);
        header.writeInt(w);
        header.writeInt(h);
        header.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, no filter, no interlace
        chunk(file, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(pixels, new Deflater(9))) {
            byte[] row = new byte[1 + 3 * w]; // filter byte 0, then the pixels
            for (int x = 0; x < w; x++) {
                row[1 + 3 * x] = (byte) r;
                row[2 + 3 * x] = (byte) g;
                row[3 + 3 * x] = (byte) b;
            }
            for (int y = 0; y < rows; y++) {
                z.write(row);
            }
        }
        chunk(file, "IDAT", pixels.toByteArray());
        chunk(file, "IEND", new byte[0]);
        return file.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(file);
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
