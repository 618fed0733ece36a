package vqlens.ui.learn;

/** A lesson around a {@link PlaneView} (lessons 1 and 2): the presenter zoom reaches the plane's drawing. */
abstract class PlaneLesson extends Lesson {
    /** The plane, made by {@link #buildView()}. */
    protected PlaneView plane;

    @Override
    void setZoom(double zoom) {
        if (plane != null) {
            plane.setZoom(zoom);
        }
    }
}
