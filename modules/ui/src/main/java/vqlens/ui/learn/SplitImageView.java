package vqlens.ui.learn;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * One picture, two images: left of the split the original, right of it the quantised one (clipped, so moving the
 * split costs no redraw of pixels). Dragging on the picture moves the split; {@link #splitProperty()} is 0..1.
 */
final class SplitImageView extends Region {
    private final ImageView original = new ImageView();
    private final ImageView quantised = new ImageView();
    private final Rectangle clip = new Rectangle();
    private final Line divider = new Line();
    private final Label left = new Label("original");
    private final Label right = new Label("quantised");
    private final DoubleProperty split = new SimpleDoubleProperty(this, "split", 0.5);
    private final DoubleProperty fitWidth = new SimpleDoubleProperty(this, "fitWidth", 420);

    SplitImageView() {
        getStyleClass().add("split-image");
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE); // exactly the picture: a drag's x is a share of its width
        for (ImageView v : new ImageView[] {original, quantised}) {
            v.setPreserveRatio(true);
            v.setSmooth(false); // the flat colour areas are the point: no blur between pixels
            v.fitWidthProperty().bind(fitWidth);
        }
        quantised.setClip(clip);
        divider.getStyleClass().add("split-divider");
        divider.setStrokeWidth(2);
        divider.setStyle("-fx-stroke: white;");
        for (Label l : new Label[] {left, right}) {
            l.setStyle("-fx-background-color: rgba(0,0,0,0.55); -fx-text-fill: white; -fx-padding: 1 5 1 5;");
            l.setMouseTransparent(true);
        }
        getChildren().addAll(original, quantised, divider, left, right);
        split.addListener((obs, old, v) -> requestLayout());
        fitWidth.addListener((obs, old, v) -> requestLayout());
        setOnMousePressed(e -> drag(e.getX()));
        setOnMouseDragged(e -> drag(e.getX()));
    }

    private void drag(double x) {
        double w = shownWidth();
        if (w > 0) {
            split.set(Math.max(0, Math.min(1, x / w)));
        }
    }

    DoubleProperty splitProperty() {
        return split;
    }

    DoubleProperty fitWidthProperty() {
        return fitWidth;
    }

    void setOriginal(Image image) {
        original.setImage(image);
        requestLayout();
    }

    void setQuantised(Image image, String caption) {
        quantised.setImage(image);
        right.setText(caption);
        requestLayout();
    }

    Image quantisedImage() {
        return quantised.getImage();
    }

    String caption() {
        return right.getText();
    }

    private double shownWidth() {
        return original.getImage() == null ? 0 : original.getLayoutBounds().getWidth();
    }

    private double shownHeight() {
        return original.getImage() == null ? 0 : original.getLayoutBounds().getHeight();
    }

    @Override
    protected double computePrefWidth(double height) {
        return fitWidth.get();
    }

    @Override
    protected double computePrefHeight(double width) {
        Image i = original.getImage();
        return i == null ? fitWidth.get() * 2 / 3 : fitWidth.get() * i.getHeight() / i.getWidth();
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        original.relocate(0, 0);
        quantised.relocate(0, 0);
        double w = shownWidth();
        double h = shownHeight();
        double x = split.get() * w;
        clip.setX(x);
        clip.setY(0);
        clip.setWidth(Math.max(0, w - x));
        clip.setHeight(h);
        divider.setStartX(x);
        divider.setEndX(x);
        divider.setStartY(0);
        divider.setEndY(h);
        left.autosize();
        right.autosize();
        left.relocate(4, 4);
        right.relocate(Math.max(4, w - right.getWidth() - 4), 4);
        left.setVisible(x > left.getWidth() + 8);
        right.setVisible(w - x > right.getWidth() + 8);
    }
}
