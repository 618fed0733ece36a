package vqlens.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The charts' data layer alone: no toolkit. */
class ChartDataTest {

    @Test
    void aSeriesThinsItselfAtCapacityAndKeepsItsExtent() {
        CurveSeries s = new CurveSeries("mse", 8);
        for (int step = 1; step <= 8; step++) {
            s.append(step, step * 10.0);
        }
        assertEquals(8, s.size());
        s.append(9, 90);
        assertEquals(2, s.stride());
        assertEquals(5, s.size(), "every other point kept, then the new one");
        assertEquals(1, s.step(0));
        assertEquals(9, s.lastStep());
        s.append(10, 100); // skipped: every second point from now on
        s.append(11, 110);
        assertEquals(11, s.lastStep());
        assertEquals(new Range(10, 110), s.valueRange());
        assertEquals(1, s.indexAtOrBefore(4));
        assertEquals(-1, s.indexAtOrBefore(0));
        assertThrows(IllegalArgumentException.class, () -> s.append(3, 1));
    }

    @Test
    void smoothingIsTensorBoardsDebiasedEma() {
        double[] raw = {1, 2, 3, Double.NaN, 4};
        double w = 0.6;
        double[] smoothed = Smoothing.smooth(raw, w);
        // TensorBoard: last = last * w + (1 - w) * v; debias = 1 - w^n
        double last = 0;
        int n = 0;
        double[] expected = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (Double.isNaN(raw[i])) {
                expected[i] = Double.NaN;
                continue;
            }
            last = last * w + (1 - w) * raw[i];
            n++;
            expected[i] = last / (1 - Math.pow(w, n));
        }
        assertArrayEquals(expected, smoothed, 1e-12);
        assertEquals(1.0, smoothed[0], 1e-12, "debiased: starts at the first value, not near zero");
        assertArrayEquals(raw, Smoothing.smooth(raw, 0), "weight 0 is the raw curve");
    }

    @Test
    void incrementalSmoothingAgreesWithOnePass() {
        CurveSeries s = new CurveSeries("x", 16);
        Smoothing inc = new Smoothing();
        double[] all = new double[40];
        for (int i = 0; i < 40; i++) {
            all[i] = Math.sin(i) + i;
            s.append(i, all[i]);
            inc.update(s, 0.9);
        }
        double[] values = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            values[i] = s.value(i);
        }
        assertArrayEquals(Smoothing.smooth(values, 0.9), Arrays.copyOf(inc.update(s, 0.9), s.size()), 1e-12,
                "after thinning it smooths the kept points again");
        assertArrayEquals(Smoothing.smooth(values, 0.5), Arrays.copyOf(inc.update(s, 0.5), s.size()), 1e-12);
    }

    @Test
    void ticksAreNiceAndInsideTheRange() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.of(new Range(0, 1), Scale.LINEAR, 5), 1e-12);
        double[] log = Ticks.of(new Range(-3, 1), Scale.LOG, 5);
        assertArrayEquals(new double[] {-3, -2, -1, 0, 1}, log, 1e-12);
        for (double t : Ticks.of(new Range(Math.log10(180), Math.log10(260)), Scale.LOG, 5)) {
            double v = Math.pow(10, t);
            assertTrue(v >= 180 - 1e-6 && v <= 260 + 1e-6, "tick " + v);
        }
        assertEquals(0.5, Ticks.niceStep(2.2, 5), 1e-12);
        assertEquals(1.0, Ticks.niceStep(2.2, 4), 1e-12);
    }

    @Test
    void labelsAreShortAndLocaleFree() {
        assertEquals("12.3k", NumberText.compact(12_345, 3));
        assertEquals("0.00123", NumberText.compact(0.0012345, 3));
        assertEquals("1.23e-5", NumberText.compact(1.2345e-5, 3));
        assertEquals("–", NumberText.compact(Double.NaN, 3));
        assertEquals("0.25", NumberText.tick(0.25, Scale.LINEAR, 0.25));
        assertEquals("2.5", NumberText.tick(2.5, Scale.LINEAR, 2.5), "a 2.5 step keeps its decimal");
        assertEquals("7.5", NumberText.tick(7.5, Scale.LINEAR, 2.5));
        assertEquals("10", NumberText.tick(10, Scale.LINEAR, 5));
        assertEquals("0.4", NumberText.tick(0.4, Scale.LINEAR, 0.2));
        assertEquals("1:02:03", NumberText.clock(3723));
        assertEquals("1,234,567", NumberText.grouped(1_234_567));
    }

    @Test
    void usageMarksDeadCodesAndSortsByUsage() {
        CodeUsageModel m = new CodeUsageModel(1);
        // the trainer's flags are shown as they are, not recomputed from the threshold
        m.update(7, new double[] {5, 0.5, 9, 2}, new long[] {5, 0, 9, 2}, new boolean[] {false, true, false, true},
                new int[] {0, 0, 0, 3}, 2, 2.0, 3.1, 0.75);
        assertEquals(1, m.restartedCount(), "code 3 was re-seeded (three times) in the window");
        assertEquals(3, m.restarts(3));
        assertEquals(2, m.thrashing());
        assertTrue(m.dead(1));
        assertTrue(m.dead(3), "flagged by the trainer");
        assertFalse(m.dead(0));
        assertEquals(2, m.deadCount());
        assertEquals(2, m.codeAt(0), "most used first");
        assertEquals(1, m.codeAt(3));
        long v = m.version();
        m.setOrder(CodeUsageModel.Order.BY_INDEX);
        assertEquals(0, m.codeAt(0));
        assertNotEquals(v, m.version());
    }

    @Test
    void histogramTrailSpansTheRun() {
        DistanceHistogramModel m = new DistanceHistogramModel(0);
        for (long step = 1; step <= 1000; step++) {
            m.update(pair(step));
        }
        assertTrue(m.trail().size() <= DistanceHistogramModel.TRAIL);
        assertTrue(m.trail().size() >= 3);
        long previous = 0;
        for (DistanceHistogramModel.Pair p : m.trail()) {
            assertTrue(p.step() > previous, "oldest first");
            previous = p.step();
        }
        assertTrue(m.trail().get(0).step() < 700, "the trail reaches back, not only the last few snapshots");
        assertEquals(0.25, m.current().nearest().share(1), 1e-12);
    }

    private static DistanceHistogramModel.Pair pair(long step) {
        return new DistanceHistogramModel.Pair(
                DistanceHistogramModel.Frame.of(step, 4.0, new long[] {1, 1, 2, 0}, 0),
                DistanceHistogramModel.Frame.of(step, 8.0, new long[] {0, 3, 3, 2}, 2));
    }

    @Test
    void pngEncoderWritesWhatImageIoReads() throws IOException {
        int w = 7;
        int h = 5;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (i * 37 % 256) << 24 | (i * 11 % 256) << 16 | (255 - i) << 8 | i * 3;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngEncoder.write(argb, w, h, out);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(w, read.getWidth());
        assertEquals(h, read.getHeight());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(argb[y * w + x], read.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }
}
