package vqlens.ui.learn.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;
import vqlens.core.VqException;

/**
 * An RGB photo for the image lessons: {@code width × height} pixels, values 0..1, row-major
 * ({@code rgb[(y·width + x)·3 + channel]}). Read with {@code javax.imageio} (no JavaFX, so the models stay
 * testable without a window): the size comes from the header before any pixel is decoded, and a big image is
 * decoded subsampled to at most about {@link #MAX_PIXELS}, so a 20000 × 20000 JPEG never exists at full size.
 * A file that is not a whole RGB PNG or JPEG is refused with a one-line {@link VqException}.
 */
public final class LessonImage {
    public static final String CHINA = "china.jpg";
    public static final String FLOWER = "flower.jpg";
    /** About one megapixel: plenty for a lesson's picture, small enough to quantise in seconds. */
    public static final long MAX_PIXELS = 1_000_000;

    private final String name;
    private final int width;
    private final int height;
    private final float[] rgb;
    private final int subsampling;

    public LessonImage(String name, int width, int height, float[] rgb) {
        this(name, width, height, rgb.clone(), 1);
    }

    private LessonImage(String name, int width, int height, float[] rgb, int subsampling) {
        this.name = Objects.requireNonNull(name, "name");
        if (width <= 0 || height <= 0 || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException(width + " × " + height + " with " + rgb.length + " values");
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.subsampling = subsampling;
    }

    /** One of the photos shipped in the jar ({@link #CHINA}, {@link #FLOWER}). */
    public static LessonImage bundled(String name) {
        try (InputStream in = LessonImage.class.getResourceAsStream("/vqlens/ui/learn/bundled/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the app is missing its bundled image " + name);
            }
            return read(ImageIO.createImageInputStream(in), name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled image " + name, e);
        }
    }

    /** The learner's own PNG or JPEG; a one-line {@link VqException} when it cannot be used. */
    public static LessonImage open(Path file) {
        String name = String.valueOf(file.getFileName());
        try {
            if (!Files.isRegularFile(file)) {
                throw new VqException(name + ": no such file");
            }
            if (Files.size(file) == 0) {
                throw new VqException(name + ": the file is empty");
            }
            return read(ImageIO.createImageInputStream(file.toFile()), name);
        } catch (IOException e) {
            throw new VqException(name + ": cannot be read (" + oneLine(e) + ")", e);
        }
    }

    private static LessonImage read(ImageInputStream in, String name) throws IOException {
        if (in == null) {
            throw new VqException(name + ": cannot be read");
        }
        try (in) {
            ImageReader reader = pngOrJpegReader(in, name);
            try {
                reader.setInput(in, true, false);
                int w;
                int h;
                try {
                    w = reader.getWidth(0); // header only: no pixel decoded yet
                    h = reader.getHeight(0);
                    refuseCmyk(reader, name);
                } catch (IIOException | IndexOutOfBoundsException e) {
                    throw new VqException(name + ": not a readable image (" + oneLine(e) + ")", e);
                }
                int step = subsampling(w, h);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                List<String> warnings = new ArrayList<>();
                // the JPEG reader reports a cut-off file as a warning and fills the rest with grey
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image;
                try {
                    image = reader.read(0, param);
                } catch (IOException | RuntimeException e) {
                    throw new VqException(name + ": truncated or damaged (" + oneLine(e) + ")", e);
                }
                if (!warnings.isEmpty()) {
                    throw new VqException(name + ": truncated or damaged (" + warnings.get(0) + ")");
                }
                return new LessonImage(name, image.getWidth(), image.getHeight(), toRgb(image), step);
            } finally {
                reader.dispose();
            }
        }
    }

    /** ImageIO also guesses formats (WBMP) that random bytes can pass for: only PNG and JPEG are taken. */
    private static ImageReader pngOrJpegReader(ImageInputStream in, String name) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            try {
                String format = r.getFormatName().toLowerCase(Locale.ROOT);
                if (format.equals("png") || format.equals("jpeg") || format.equals("jpg")) {
                    return r;
                }
            } catch (IOException e) {
                // a reader that cannot name its format is not one of ours
            }
            r.dispose();
        }
        throw new VqException(name + ": not a PNG or JPEG image");
    }

    /** A JPEG with four components (CMYK or YCCK) would decode to wrong colours: say so instead. */
    private static void refuseCmyk(ImageReader reader, String name) throws IOException {
        if (!reader.getFormatName().toLowerCase(Locale.ROOT).startsWith("jp")) {
            return;
        }
        IIOMetadata meta = reader.getImageMetadata(0); // reads the markers, not the pixels
        if (meta == null || !List.of(meta.getMetadataFormatNames()).contains("javax_imageio_jpeg_image_1.0")) {
            return;
        }
        Node sof = find(meta.getAsTree("javax_imageio_jpeg_image_1.0"), "sof");
        if (sof != null && sof.getChildNodes().getLength() == 4) {
            throw new VqException(name + ": a CMYK JPEG (4 colour channels); save it as an RGB JPEG or PNG");
        }
    }

    private static Node find(Node node, String element) {
        if (element.equals(node.getNodeName())) {
            return node;
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            Node found = find(c, element);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The smallest whole step that brings {@code w × h} to about {@link #MAX_PIXELS}. */
    static int subsampling(int w, int h) {
        long pixels = (long) w * h;
        int step = (int) Math.ceil(Math.sqrt((double) pixels / MAX_PIXELS));
        return Math.max(1, step);
    }

    private static float[] toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w); // any colour model (grey, palette, 16-bit) as sRGB; alpha dropped
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                out[i] = ((p >> 16) & 0xff) / 255f;
                out[i + 1] = ((p >> 8) & 0xff) / 255f;
                out[i + 2] = (p & 0xff) / 255f;
            }
        }
        return out;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    public String name() {
        return name;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the pixels, row-major RGB in 0..1. */
    public float[] rgb() {
        return rgb.clone();
    }

    /** One value: channel 0 red, 1 green, 2 blue. */
    public float value(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel];
    }

    /** 1 when decoded at full size, else every {@code n}-th pixel of every {@code n}-th row was kept. */
    public int subsampling() {
        return subsampling;
    }
}
