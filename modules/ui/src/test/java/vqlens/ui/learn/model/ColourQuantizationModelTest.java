package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.VqException;
import vqlens.train.UpdateRule;

/** Lesson 4 without JavaFX: the trainer's k-means and EMA on a photo's pixels, core's encoder, edits, cancel. */
class ColourQuantizationModelTest {
    /**
     * Each quadrupling of K must cut the MSE by at least this factor: k-means on photos falls roughly as K^(-2/3)
     * (a quadrupling gives about 0.4×), so 0.8× leaves room yet fails when more codes do not help.
     */
    private static final double K_STEP_MSE_RATIO = 0.8;
    /** Usage is counts over pixels in double: they sum to 1 up to rounding. */
    private static final double USAGE_SUM_TOLERANCE = 1e-9;
    /** Training must beat its random start clearly, not by rounding: at least 10 % lower MSE. */
    private static final double TRAINED_MSE_RATIO = 0.9;
    /**
     * The edit's MSE comes from per-code sums (Σ‖x‖² − 2⟨c, Σx⟩ + n‖c‖²) in double, the direct sum here from float32
     * differences (relative error ~1e-7 per value): equal to 1e-6 relative, far below the 5 digits shown.
     */
    private static final double RECOLOUR_MSE_RELATIVE = 1e-6;

    private static ColourSnapshot train(ColourQuantizationModel m) {
        ColourTraining.Job job = m.trainJob();
        ColourSnapshot last = job.run(s -> m.accept(job, s), () -> false);
        m.accept(job, last);
        return last;
    }

    @Test
    void mseFallsWithK() {
        ColourQuantizationModel m = new ColourQuantizationModel();
        assertEquals(LessonImage.CHINA, m.image().name());
        double previous = Double.POSITIVE_INFINITY;
        for (int k : new int[] {2, 8, 32}) {
            m.setCodes(k);
            ColourSnapshot s = train(m);
            assertTrue(s.finished());
            System.out.printf("lesson 4: china, k-means, K = %d: MSE %.5f, PSNR %.2f dB after %d passes%n", k,
                    s.mse(), s.psnr(), s.step());
            assertTrue(s.mse() < K_STEP_MSE_RATIO * previous, "K = " + k + ": " + s.mse() + " vs " + previous);
            previous = s.mse();
        }
        assertTrue(m.tasks().get(0).isDone() == false, "K = 16 was not trained yet");
    }

    @Test
    void theQuantisedImageIsCoresDecodeOfCoresEncode() {
        ColourQuantizationModel m = new ColourQuantizationModel();
        ColourSnapshot s = train(m);
        Codebooks book = m.codebook();
        assertEquals(16, book.config().codes());
        assertEquals(3, book.config().embeddingDim());
        float[] pixels = m.image().rgb();
        int n = pixels.length / 3;
        assertEquals(640 * 427, n, "the WHOLE image is encoded, not the training sample");
        long[] codes = new long[n];
        ProductQuantizer pq = ProductQuantizer.of(book);
        pq.encode(pixels, n, 0, codes);
        assertArrayEquals(codes, s.indices());
        float[] decoded = new float[n * 3];
        pq.decode(codes, n, 0, decoded);
        assertArrayEquals(decoded, m.quantised().rgb());
        double sum = 0;
        for (int i = 0; i < pixels.length; i++) {
            sum += (pixels[i] - decoded[i]) * (double) (pixels[i] - decoded[i]);
        }
        assertEquals(sum / pixels.length, m.mse(), 1e-12);
        assertEquals(10 * Math.log10(1 / m.mse()), m.psnr(), 1e-9);
        assertEquals(ColourTraining.SAMPLE_ROWS, s.trainRows());
        int[] argb = new int[n];
        m.paint(argb);
        float[] c = book.code(0, s.code(1234));
        assertEquals(ColourQuantizationModel.argb(c[0], c[1], c[2]), argb[1234], "the screen's pixel is its code's colour");
    }

    @Test
    void usageSumsToOneAndARareCodeCanBeFound() {
        ColourQuantizationModel m = new ColourQuantizationModel();
        m.setCodes(64);
        ColourSnapshot s = train(m);
        double[] usage = s.usage();
        assertEquals(64, usage.length);
        double sum = 0;
        int rare = -1;
        for (int k = 0; k < usage.length; k++) {
            sum += usage[k];
            if (usage[k] < ColourQuantizationModel.RARE && rare < 0) {
                rare = k;
            }
        }
        assertEquals(1, sum, USAGE_SUM_TOLERANCE);
        assertTrue(rare >= 0, "china at K = 64 has a code under 1 %");
        boolean[] mask = m.mask(rare);
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        assertEquals(usage[rare], (double) count / mask.length, 1e-12, "the highlight is exactly that code's pixels");
        m.select(rare);
        assertTrue(m.tasks().get(1).isDone());
        int[] argb = new int[mask.length];
        m.paint(argb);
        int faded = 0;
        for (int p = 0; p < mask.length; p++) {
            float[] c = m.colour(s.code(p));
            boolean own = argb[p] == ColourQuantizationModel.argb(c[0], c[1], c[2]);
            if (mask[p]) {
                assertTrue(own, "a highlighted pixel keeps its code's colour: " + p);
            } else {
                faded += own ? 0 : 1;
            }
        }
        assertTrue(faded > mask.length / 2, "the other pixels fade: " + faded);
    }

    @Test
    void anEditRecoloursAtOnceAndUndoRestoresBitExactly() {
        ColourQuantizationModel m = new ColourQuantizationModel();
        train(m);
        Codebooks before = m.codebook();
        float[] imageBefore = m.quantised().rgb();
        long[] codesBefore = m.result().indices();
        double mseBefore = m.mse();
        m.setColour(3, 1f, 0f, 1f);
        assertArrayEquals(new float[] {1f, 0f, 1f}, m.colour(3));
        assertArrayEquals(codesBefore, m.result().indices(), "recoloured, not re-encoded");
        float[] after = m.quantised().rgb();
        for (int p = 0; p < codesBefore.length; p++) {
            if (codesBefore[p] == 3) {
                assertEquals(1f, after[p * 3]);
                assertEquals(0f, after[p * 3 + 1]);
            } else {
                assertEquals(imageBefore[p * 3], after[p * 3]);
            }
        }
        assertTrue(m.mse() > mseBefore, "magenta fits china worse than the learnt colour");
        float[] pixels = m.image().rgb();
        assertEquals(ColourTraining.mse(pixels, after), m.mse(), RECOLOUR_MSE_RELATIVE * m.mse(), "the MSE of the re-coloured image");
        assertTrue(m.canUndo());
        m.undo();
        assertEquals(before, m.codebook(), "bit-exact");
        assertArrayEquals(before.toArray(), m.codebook().toArray());
        assertArrayEquals(imageBefore, m.quantised().rgb());
        assertEquals(mseBefore, m.mse());
        assertTrue(m.tasks().get(2).isDone());
        m.redo();
        assertArrayEquals(new float[] {1f, 0f, 1f}, m.colour(3));
        assertThrows(VqException.class, () -> m.setColour(3, 1.5f, 0, 0));
        assertThrows(VqException.class, () -> m.setColour(99, 0, 0, 0));
    }

    @Test
    void emaAndKMeansBothLowerTheMseOfTheStartingCodebook() {
        ColourQuantizationModel m = new ColourQuantizationModel();
        for (UpdateRule rule : List.of(UpdateRule.KMEANS, UpdateRule.EMA)) {
            m.setMethod(rule);
            List<ColourSnapshot> seen = new ArrayList<>();
            ColourTraining.Job job = m.trainJob();
            ColourSnapshot last = job.run(seen::add, () -> false);
            assertEquals(0, seen.get(0).step(), "the first snapshot is the starting codebook");
            assertTrue(seen.size() >= 3, "the view sees it learn");
            System.out.printf("lesson 4: %s K = 16: MSE %.5f from %.5f, %d snapshots%n", rule, last.mse(),
                    last.initialMse(), seen.size());
            assertEquals(seen.get(0).mse(), last.initialMse());
            assertTrue(last.mse() < TRAINED_MSE_RATIO * last.initialMse(), rule + ": " + last.mse());
            m.accept(job, last);
        }
        assertTrue(m.tasks().get(3).isDone(), "both methods at K = 16");
    }

    @Test
    void sameSeedSameCodebook() {
        ColourQuantizationModel a = new ColourQuantizationModel();
        ColourQuantizationModel b = new ColourQuantizationModel();
        a.setCodes(8);
        b.setCodes(8);
        assertEquals(train(a).codebook(), train(b).codebook());
        b.setSeed(5);
        assertNotEquals(a.codebook(), train(b).codebook());
    }

    @Test
    void cancelStopsTheRun() {
        ColourQuantizationModel m = new ColourQuantizationModel();
        AtomicInteger published = new AtomicInteger();
        ColourTraining.Job job = m.trainJob();
        ColourSnapshot last = job.run(s -> published.incrementAndGet(), () -> published.get() >= 2);
        assertNull(last, "cancelled");
        assertEquals(2, published.get(), "nothing after the cancel");
        assertTrue(m.needsTraining());
    }

    @Test
    void resultsAreKeptPerSettingsAndTheTaskComparesK() {
        ColourQuantizationModel m = new ColourQuantizationModel();
        m.setCodes(2);
        double two = train(m).psnr();
        m.setCodes(16);
        double sixteen = train(m).psnr();
        assertTrue(sixteen > two);
        assertTrue(m.tasks().get(0).isDone());
        m.setCodes(2);
        assertFalse(m.needsTraining(), "K = 2 was kept");
        assertEquals(two, m.psnr());
        m.reset();
        assertFalse(m.tasks().get(0).isDone());
        assertEquals(16, m.codes());
    }

    @Test
    void aBadImageIsOneLineAndNothingElseChanges(@TempDir Path dir) {
        ColourQuantizationModel m = new ColourQuantizationModel();
        train(m);
        Codebooks before = m.codebook();
        byte[] noise = new byte[2000];
        new Random(4).nextBytes(noise);
        Path bad = dir.resolve("noise.png");
        try {
            Files.write(bad, noise);
            m.useImage(LessonImage.open(bad));
        } catch (VqException e) {
            m.refuse(e.getMessage());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("noise.png: not a PNG or JPEG image", m.problem());
        assertEquals(LessonImage.CHINA, m.image().name());
        assertEquals(before, m.codebook());
        assertEquals(2, m.photos().size());
        m.useImage(new LessonImage("tiny.png", 8, 8, new float[8 * 8 * 3]));
        assertTrue(m.problem().startsWith("tiny.png: 8 × 8 is 64 pixels"), m.problem());
        assertFalse(m.problem().contains("\n"));
        assertEquals(LessonImage.CHINA, m.image().name());
        assertThrows(VqException.class, () -> m.setCodes(257));
        assertThrows(VqException.class, () -> m.setMethod(UpdateRule.ADAM));
    }
}
