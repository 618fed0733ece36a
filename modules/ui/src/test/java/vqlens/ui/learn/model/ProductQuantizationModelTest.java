package vqlens.ui.learn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.VqException;

/** Lesson 5 without JavaFX: equal-bit choices through the real trainer, encoder and decoder; the chart; cancel. */
class ProductQuantizationModelTest {
    /** The PSNR recomputed here sums in another order than the model's: equal to far below a displayed digit. */
    private static final double PSNR_TOLERANCE_DB = 1e-6;
    /** A chosen code may beat the true nearest only by float32 rounding of the encoder's distance expansion. */
    private static final double DISTANCE_TOLERANCE = 1e-4;

    private static List<PqResult> runAll(ProductQuantizationModel m, ProductQuantizationModel.Job job) {
        List<PqResult> out = job.run(r -> m.accept(job, r), p -> { }, () -> false);
        return out;
    }

    @Test
    void atEqualBitsBothPsnrsComeFromTheRealEncodeAndDecode() {
        ProductQuantizationModel m = new ProductQuantizationModel();
        assertEquals(8, m.bits());
        assertEquals(4, m.heads());
        assertNull(m.result(m.single()), "nothing computed before the background runs");
        runAll(m, m.pairJob());
        assertNull(m.pairJob(), "the pair is kept");
        ImagePatches patches = m.patches();
        assertEquals(640, patches.width());
        assertEquals(424, patches.height(), "427 rows: the last three do not fill a patch");
        float[] rows = patches.rows();
        for (PqChoice c : List.of(m.single(), m.product())) {
            PqResult r = m.result(c);
            Codebooks books = r.codebooks();
            assertEquals(c.heads(), books.config().heads());
            assertEquals(c.codes(), books.config().codes());
            long[] idx = r.indices();
            assertEquals(patches.count() * c.heads(), idx.length);
            double sum = 0;
            int d = c.headDim();
            for (int p = 0; p < patches.count(); p++) {
                for (int h = 0; h < c.heads(); h++) {
                    float[] code = books.code(h, (int) idx[p * c.heads() + h]);
                    for (int j = 0; j < d; j++) {
                        int v = p * ImagePatches.DIM + h * d + j;
                        double diff = rows[v] - code[j];
                        sum += diff * diff;
                        int x = (p % (patches.width() / 4)) * 4 + (j + h * d) / 3 % 4;
                        int y = (p / (patches.width() / 4)) * 4 + (j + h * d) / 12;
                        assertEquals(code[j], r.reconstruction().value(x, y, (j + h * d) % 3), "decoded pixel");
                    }
                }
            }
            double psnr = 10 * Math.log10(patches.count() * (double) ImagePatches.DIM / sum);
            assertEquals(psnr, r.psnr(), PSNR_TOLERANCE_DB, c.label());
            assertNearest(rows, books, idx, c, 200);
            assertEquals(RateDistortion.TRAIN_ROWS, r.trainRows(), "16,960 patches: training sees a sample");
            assertEquals(0.5, r.bitsPerPixel());
        }
        PqResult single = m.result(m.single());
        PqResult product = m.result(m.product());
        assertTrue(single.psnr() > product.psnr(), "at 8 bits one book of 256 codes fits patches better than 4 × 4: "
                + single.psnr() + " vs " + product.psnr());
        assertTrue(product.psnr() > 15, "still a recognisable picture: " + product.psnr());
    }

    /** Every {@code step}-th patch's code in each head is its nearest (checked in double precision). */
    private static void assertNearest(float[] rows, Codebooks books, long[] idx, PqChoice c, int step) {
        int d = c.headDim();
        for (int p = 0; p < rows.length / ImagePatches.DIM; p += step) {
            for (int h = 0; h < c.heads(); h++) {
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < c.codes(); k++) {
                    best = Math.min(best, distance(rows, p, books, h, k, d));
                }
                double chosen = distance(rows, p, books, h, (int) idx[p * c.heads() + h], d);
                assertTrue(chosen <= best + DISTANCE_TOLERANCE, "patch " + p + " head " + h);
            }
        }
    }

    private static double distance(float[] rows, int p, Codebooks books, int h, int k, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = rows[p * ImagePatches.DIM + h * d + j] - books.value(h, k, j);
            s += diff * diff;
        }
        return s;
    }

    @Test
    void psnrRisesWithTheBits() {
        ProductQuantizationModel m = new ProductQuantizationModel();
        List<PqChoice> twoHeads = new ArrayList<>();
        for (int b : ProductQuantizationModel.BUDGETS) {
            twoHeads.add(new PqChoice(b, 2));
        }
        ProductQuantizationModel.Job job = new ProductQuantizationModel.Job("china", m.patches(), m.seed(), twoHeads);
        List<PqResult> out = job.run(r -> { }, p -> { }, () -> false);
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i).psnr() > out.get(i - 1).psnr(), out.get(i).choice().label() + " "
                    + out.get(i).psnr() + " vs " + out.get(i - 1).choice().label() + " " + out.get(i - 1).psnr());
        }
    }

    @Test
    void theWholeChartIsComputedOnceAndKeptPerPhoto() {
        ProductQuantizationModel m = new ProductQuantizationModel();
        ProductQuantizationModel.Job job = m.chartJob();
        assertEquals(ProductQuantizationModel.chartChoices().size(), job.choices().size());
        assertEquals(List.of(m.single(), m.product()), job.choices().subList(0, 2), "the pair on show first");
        double[] last = {-1};
        long start = System.nanoTime();
        job.run(r -> m.accept(job, r), p -> {
            assertTrue(p >= last[0] && p <= 1, "progress only grows");
            last[0] = p;
        }, () -> false);
        System.out.printf("lesson 5: whole chart (%d choices) on china.jpg in %.1f s%n", job.choices().size(),
                (System.nanoTime() - start) / 1e9);
        assertEquals(1.0, last[0]);
        m.results().forEach(r -> System.out.printf("  %2d bits %-9s PSNR %.2f dB%n", r.choice().bits(),
                r.choice().label(), r.psnr()));
        assertTrue(m.chartComplete());
        assertNull(m.chartJob());
        assertEquals(17, m.results().size());
        for (int b : ProductQuantizationModel.BUDGETS) {
            assertTrue(m.result(new PqChoice(b, 1)).psnr() > m.result(new PqChoice(b, b)).psnr(),
                    "at " + b + " bits one book beats one bit per head");
        }
        m.setPhoto(LessonImage.FLOWER);
        assertFalse(m.chartComplete(), "another photo, another chart");
        m.setPhoto(LessonImage.CHINA);
        assertTrue(m.chartComplete(), "china's chart was kept");
        m.setSeed(6);
        assertFalse(m.chartComplete(), "another seed, other codebooks");
    }

    @Test
    void cancellingStopsTheChartAndKeepsWhatWasDone() {
        ProductQuantizationModel m = new ProductQuantizationModel();
        ProductQuantizationModel.Job job = m.chartJob();
        AtomicInteger polls = new AtomicInteger();
        List<PqResult> kept = new ArrayList<>();
        VqException e = assertThrows(VqException.class, () -> job.run(r -> {
            kept.add(r);
            m.accept(job, r);
        }, p -> { }, () -> polls.incrementAndGet() > 40)); // 21 polls per choice (12 passes, 9 blocks): one done
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertFalse(kept.isEmpty(), "choices finished before the cancel are kept");
        assertTrue(kept.size() < job.choices().size());
        assertEquals(kept.size(), m.results().size());
        assertNotNull(m.chartJob());
    }

    @Test
    void headsFitTheBudgetAndBadChoicesChangeNothing() {
        ProductQuantizationModel m = new ProductQuantizationModel();
        assertEquals(List.of(2, 4, 8), m.headChoices());
        m.setBits(6);
        assertEquals(List.of(2, 3, 6), m.headChoices());
        assertTrue(List.of(3, 6).contains(m.heads()), "4 heads do not divide 6 bits: the nearest that do");
        int heads = m.heads();
        assertThrows(VqException.class, () -> m.setHeads(4));
        assertEquals(heads, m.heads());
        assertThrows(VqException.class, () -> m.setBits(10));
        assertEquals(6, m.bits());
        m.useImage(new LessonImage("tiny.png", 100, 80, new float[100 * 80 * 3]));
        assertTrue(m.problem().startsWith("tiny.png: 100 × 80 makes 500 patches"), m.problem());
        assertFalse(m.problem().contains("\n"));
        assertEquals(LessonImage.CHINA, m.image().name(), "the photo stays");
        m.reset();
        assertEquals("", m.problem());
        assertEquals(8, m.bits());
        assertEquals(4, m.heads());
        assertEquals(5, m.seed());
    }

    @Test
    void storedCodesGrowAsHTimesKWhileCombinationsStayTwoToTheBits() {
        for (PqChoice c : PqChoice.all(12)) {
            assertEquals(BigInteger.TWO.pow(12), c.combinations(), c.label());
            assertEquals(c.heads() * c.codes(), c.storedCodes());
        }
        assertEquals(List.of(1, 2, 3, 4, 6, 12), PqChoice.all(12).stream().map(PqChoice::heads).toList());
        assertEquals(4096, new PqChoice(12, 1).storedCodes());
        assertEquals(32, new PqChoice(12, 4).storedCodes());
        PqChoice seedModule = new PqChoice(32, 4); // 4 heads × 256 codes: the seed's 32 bits per vector
        assertEquals(ProductQuantizationModel.SEED_CODES, seedModule.codes());
        assertEquals(1024, seedModule.storedCodes());
        assertEquals(BigInteger.TWO.pow(32), seedModule.combinations());
        assertThrows(VqException.class, () -> new PqChoice(8, 3), "3 heads do not split 8 bits evenly");
        assertThrows(VqException.class, () -> new PqChoice(10, 5), "5 heads do not divide 48 values");
    }

    @Test
    void patchesRoundTripThePicture() {
        LessonImage china = LessonImage.bundled(LessonImage.CHINA);
        ImagePatches patches = ImagePatches.of(china);
        assertEquals(160 * 106, patches.count());
        LessonImage back = patches.toImage(patches.rows(), "back");
        for (int y = 0; y < back.height(); y += 7) {
            for (int x = 0; x < back.width(); x += 5) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(china.value(x, y, ch), back.value(x, y, ch));
                }
            }
        }
        assertEquals(120, patches.psnr(patches.rows()), 1e-9, "a perfect copy reads the 120 dB ceiling");
    }
}
