package vqlens.ui.plot;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import vqlens.ui.chart.GreyScale;

/** Small grey images from row-major values, black at {@code low} and white at {@code high}. */
public final class GreyImages {

    private GreyImages() {
    }

    public static WritableImage of(float[] values, int offset, int width, int height, double low, double high) {
        WritableImage img = new WritableImage(width, height);
        PixelWriter w = img.getPixelWriter();
        double span = high > low ? high - low : 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = (values[offset + y * width + x] - low) / span;
                w.setColor(x, y, Color.gray(Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0));
            }
        }
        return img;
    }

    /** The image of {@code pixels} values at {@code offset} on {@code scale}. */
    public static WritableImage of(float[] values, int offset, int width, int height, GreyScale scale) {
        return of(values, offset, width, height, scale.low(), scale.high());
    }
}
