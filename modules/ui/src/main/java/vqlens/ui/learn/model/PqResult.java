package vqlens.ui.learn.model;

import vqlens.core.Codebooks;

/**
 * One choice trained and applied to the whole photo: the codebooks the trainer learnt, every patch's codes
 * ({@code [patches, heads]}, what core's encoder wrote), the picture core's decoder made from them, its PSNR, and how
 * many patches the codebooks were trained on. Immutable.
 */
public record PqResult(PqChoice choice, Codebooks codebooks, long[] indices, LessonImage reconstruction, double psnr,
                       int trainRows, int moves) {

    public PqResult {
        indices = indices.clone();
    }

    @Override
    public long[] indices() {
        return indices.clone();
    }

    public double bitsPerPixel() {
        return choice.bitsPerPixel();
    }
}
