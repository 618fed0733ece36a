package vqlens.ui.dashboard;

import java.nio.file.Path;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.train.Checkpoint;
import vqlens.ui.chart.NumberText;

/**
 * A codebook opened from a file: a checkpoint to resume, or plain codebooks to continue from. Made by
 * {@link FileActions} on the background executor; immutable, so any thread may read it.
 *
 * @param checkpoint the training state when the file is a VQ Lens checkpoint, else {@code null}
 */
record OpenedCodebook(Path file, Codebooks codebooks, Checkpoint checkpoint) {

    /** What was opened, e.g. {@code "run.npz: checkpoint at step 500, 4 x 256 x 8"}. */
    String summary() {
        QuantizerConfig q = codebooks.config();
        String shape = q.heads() + " × " + q.codes() + " × " + q.headDim();
        return file.getFileName() + ": " + (checkpoint != null
                ? "checkpoint at step " + NumberText.grouped(checkpoint.state().step()) + ", " + shape
                : "codebook " + shape + (codebooks.inited() ? "" : " (not initialised)"));
    }
}
