package vqlens.ui.learn.model;

import vqlens.core.geometry.Box;

/**
 * What the plane lessons (1 and 2) share: the data set and seed the points were drawn from, the points, and the part
 * of the plane on show, fixed while the data stays the same (a view that jumped while dragging would mislead).
 */
public abstract class PlaneLessonModel extends LessonModel {
    protected PlaneDataset dataset = PlaneDataset.BLOBS;
    protected long seed;
    /** {@code [n, 2]}. */
    protected float[] points = new float[0];
    protected Box bounds;

    /** Draws {@code rows} points of {@code value} from {@code newSeed} and fits the bounds to them. */
    protected final void draw(PlaneDataset value, int rows, long newSeed) {
        dataset = value;
        seed = newSeed;
        points = dataset.points(rows, seed);
        bounds = boundsOf(points);
    }

    /** The points' box, grown by 12% and made square, so that distances look as they are. */
    static Box boundsOf(float[] points) {
        double[] xs = new double[points.length / 2];
        double[] ys = new double[points.length / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points[2 * i];
            ys[i] = points[2 * i + 1];
        }
        Box b = Box.around(xs, ys, 0.12, 2.0);
        double side = Math.max(b.width(), b.height());
        double cx = (b.minX() + b.maxX()) / 2;
        double cy = (b.minY() + b.maxY()) / 2;
        return new Box(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2);
    }

    public final PlaneDataset dataset() {
        return dataset;
    }

    @Override
    public final long seed() {
        return seed;
    }

    public final int pointCount() {
        return points.length / 2;
    }
}
