package vqlens.ui.chart;

import vqlens.train.VqVaeView;

/**
 * What the VQ-VAE's reconstruction view shows: the latest pictures a run published ({@link VqVaeView}: sample
 * inputs, their reconstructions, each code's decoded image) and the head whose codes are shown, with one
 * {@link GreyScale} for every image of a frame.
 */
public final class ReconstructionModel {
    private VqVaeView view;
    private int head;
    private GreyScale scale = new GreyScale(0, 1);
    private long version;

    /** The pictures of a new frame ({@code null}: none, e.g. after a reset). */
    public void update(VqVaeView value) {
        view = value;
        if (value != null) {
            head = Math.min(head, value.heads() - 1);
            scale = GreyScale.spanning(value.inputs(), value.reconstructions(), value.codeImages());
        }
        version++;
    }

    /** Shows the codes of {@code value} (clamped to the heads there are). */
    public void setHead(int value) {
        int h = Math.max(0, view != null ? Math.min(value, view.heads() - 1) : value);
        if (h != head) {
            head = h;
            version++;
        }
    }

    public int head() {
        return head;
    }

    /** The pictures, or {@code null} before the first. */
    public VqVaeView view() {
        return view;
    }

    public boolean isEmpty() {
        return view == null;
    }

    /** The grey scale of the frame's images, common to all of them. */
    public GreyScale scale() {
        return scale;
    }

    /** Changes with every update, for the view's redraw test. */
    public long version() {
        return version;
    }
}
