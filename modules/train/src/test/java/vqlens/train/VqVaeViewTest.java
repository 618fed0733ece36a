package vqlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import vqlens.core.VqException;
import vqlens.train.data.DataSource;
import vqlens.train.data.ShapesData;

/** The VQ-VAE pictures in snapshots and {@link Trainer#decode}: what the inspector shows. */
class VqVaeViewTest {
    /**
     * A view decodes its latents in one batch of heads × codes rows, {@link Trainer#decode} one row at a time;
     * BLAS may block a matmul differently for different row counts, which changes float32 sums of ~100 terms
     * of order 0.1 by a few ulps (1e-7); 1e-5 is far above that and far below a visible pixel difference.
     */
    private static final float BATCH_ROUNDING = 1e-5f;

    @Test
    void snapshotCarriesSamplesReconstructionsAndCodeImagesThatDecodeAgrees() {
        DataSource data = DataSource.of(ShapesData.generate(2048, 9), "shapes");
        float[] firstRows = ShapesData.generate(2048, 9).values();
        try (Trainer t = Runs.trained(VqVaeTrainingTest.settings(3), data)) {
            VqVaeView view = t.snapshot().vqvae();
            assertNotNull(view, "a finished VQ-VAE run publishes pictures");
            assertEquals(3, view.step());
            assertEquals(16, view.width());
            assertEquals(16, view.height());
            assertEquals(VqVaeView.MAX_SAMPLES, view.samples());
            int heads = VqVaeTrainingTest.LATENT.heads();
            int codes = VqVaeTrainingTest.LATENT.codes();
            assertEquals(heads, view.heads());
            assertEquals(codes, view.codes());
            for (int i = 0; i < view.samples(); i++) {
                assertArrayEquals(Arrays.copyOfRange(firstRows, i * 256, (i + 1) * 256), view.sampleInput(i),
                        "sample " + i + " is data row " + i);
            }
            int[] reference = new int[heads];
            for (int h = 0; h < heads; h++) {
                reference[h] = view.sampleCode(0, h);
                // the reference's own code in head h gives back the reference's reconstruction
                assertArrayEquals(view.reconstruction(0), view.codeImage(h, reference[h]), BATCH_ROUNDING);
            }
            assertArrayEquals(view.reconstruction(0), t.decode(reference).join(), BATCH_ROUNDING);
            float[] latents = view.latents();
            int width = VqVaeTrainingTest.LATENT.embeddingDim();
            assertEquals(view.samples() * width, latents.length, "the encoder's outputs of the samples");
            vqlens.core.Codebooks books = t.snapshot().codebooks();
            for (int i = 0; i < view.samples(); i++) {
                assertArrayEquals(new int[] {view.sampleCode(i, 0), view.sampleCode(i, 1)}, java.util.Arrays.copyOf(
                        vqlens.core.NearestCodes.ofRow(books, Arrays.copyOfRange(latents, i * width, (i + 1) * width)), 2),
                        "sample " + i + "'s codes are its latent's nearest codes");
            }
            int other = (reference[1] + 1) % codes;
            int[] changed = reference.clone();
            changed[1] = other;
            float[] decoded = t.decode(changed).join();
            assertArrayEquals(view.codeImage(1, other), decoded, BATCH_ROUNDING,
                    "decode with head 1's index changed is that code's image");
            assertTrue(maxDifference(decoded, view.reconstruction(0)) > 1e-3,
                    "changing one head's code changes the decoded image");
        }
    }

    @Test
    void decodeRefusesWrongIndicesAndQuantizerMode() {
        try (Trainer t = Runs.trained(VqVaeTrainingTest.settings(1), DataSource.of(ShapesData.generate(256, 9), "shapes"))) {
            int codes = VqVaeTrainingTest.LATENT.codes();
            assertVqException(() -> t.decode(new int[] {0, 0, 0}).join(), "one code index per head");
            assertVqException(() -> t.decode(new int[] {0, codes, 0, 0}).join(), "head 1 has codes 0..");
        }
        try (Trainer t = Runs.trained(Runs.settings(UpdateRule.EMA, 2), Runs.mixture())) {
            assertNull(t.snapshot().vqvae(), "quantizer mode has no pictures");
            assertVqException(() -> t.decode(new int[] {0, 0}).join(), "VQ-VAE mode");
        }
    }

    @Test
    void viewIsImmutable() {
        VqVaeView v = new VqVaeView(1, 2, 1, 1, 1, 2, new float[] {1, 2}, new float[] {1, 1}, new int[] {0},
                new float[] {0, 0, 5, 5});
        v.inputs()[0] = 99;
        v.codeImage(0, 1)[0] = 99;
        assertEquals(1f, v.sampleInput(0)[0]);
        assertArrayEquals(new float[] {5, 5}, v.codeImage(0, 1));
        assertEquals(0.5, v.sampleMse(), 1e-12);
        assertArrayEquals(new int[] {16, 16}, VqVaeView.shapeOf(256));
        assertArrayEquals(new int[] {10, 1}, VqVaeView.shapeOf(10));
        assertThrows(IllegalArgumentException.class, () -> new VqVaeView(1, 2, 1, 1, 1, 2, new float[3], new float[2],
                new int[1], new float[4]));
    }

    private static void assertVqException(Runnable call, String fragment) {
        CompletionException e = assertThrows(CompletionException.class, call::run);
        assertInstanceOf(VqException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(fragment), e.getCause().getMessage());
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
