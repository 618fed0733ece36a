package vqlens.ui.learn.model;

import vqlens.core.Codebooks;

/**
 * Where colour-quantization training stands after a pass or a few batches, for the whole image: the codebook (K
 * colours, one head of 3 values), every pixel's code as core's encoder chose it, each code's usage (fraction of the
 * pixels), the MSE per value and PSNR of the quantised image, and how far training got. Immutable.
 *
 * @param initialMse the MSE of the codebook the run started from (before its first update), whole image
 * @param step       passes (k-means) or batches (EMA) done
 * @param steps      passes or batches the run makes at most
 * @param finished   true when the run ended by itself (not stopped)
 * @param trainRows  pixels the codebook was trained on (a seeded sample)
 */
public record ColourSnapshot(Codebooks codebook, long[] indices, double[] usage, double mse, double psnr,
                             double initialMse, int step, int steps, boolean finished, int trainRows) {

    public ColourSnapshot {
        indices = indices.clone();
        usage = usage.clone();
    }

    /** A copy of every pixel's code, row-major like the image. */
    @Override
    public long[] indices() {
        return indices.clone();
    }

    @Override
    public double[] usage() {
        return usage.clone();
    }

    /** Pixel {@code p}'s code. */
    public int code(int p) {
        return (int) indices[p];
    }

    public int pixels() {
        return indices.length;
    }

    long[] indicesShared() {
        return indices;
    }

    /** The same result, marked finished or not (a run's last snapshot is finished unless it was stopped). */
    ColourSnapshot finishedAs(boolean value) {
        return new ColourSnapshot(codebook, indices, usage, mse, psnr, initialMse, step, steps, value, trainRows);
    }
}
