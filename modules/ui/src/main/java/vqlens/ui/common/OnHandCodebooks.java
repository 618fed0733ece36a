package vqlens.ui.common;

import java.util.Objects;
import vqlens.core.Codebooks;

/**
 * Codebooks the window has on hand for another feature to use: the one open in the inspector, the one being
 * trained. The shell gathers them, so no feature imports another.
 *
 * @param name      what the learner sees, e.g. "open in the inspector: cb.npz"
 * @param codebooks an immutable copy
 * @param rows      rows the codebooks quantise, {@code [n, embeddingDim]}: a VQ-VAE's encoder outputs; empty when
 *                  there are none (then a lesson makes its own)
 * @param rowsName  what the rows are, e.g. "the encoder's output z_e of sample"
 */
public record OnHandCodebooks(String name, Codebooks codebooks, float[] rows, String rowsName) {
    public OnHandCodebooks {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codebooks, "codebooks");
        rows = rows.clone();
        if (rows.length % codebooks.config().embeddingDim() != 0) {
            throw new IllegalArgumentException(rows.length + " row values for rows of " + codebooks.config().embeddingDim());
        }
        Objects.requireNonNull(rowsName, "rowsName");
    }

    /** Codebooks without rows of their own. */
    public OnHandCodebooks(String name, Codebooks codebooks) {
        this(name, codebooks, new float[0], "");
    }

    @Override
    public float[] rows() {
        return rows.clone();
    }
}
