package vqlens.ui.inspect.views;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** Small grey images from row-major values, black at {@code low} and white at {@code high}. */
final class GreyImages {

    private GreyImages() {
    }

    static WritableImage of(float[] values, int offset, int width, int height, double low, double high) {
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
}
