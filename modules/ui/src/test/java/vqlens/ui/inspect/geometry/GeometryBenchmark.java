package vqlens.ui.inspect.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Locale;
import vqlens.core.geometry.Box;
import vqlens.core.geometry.VoronoiCells;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.ui.inspect.DataSample;

/**
 * What the 2-D view and the code detail cost at the reference module's size (256 codes, head dim 96, 5,000 rows),
 * and the Voronoi cells of 256 2-D codes: medians of repeated runs after a warm-up, printed. Left out of the
 * normal run ({@code -Dui.bench.exclude=none -Dtest=GeometryBenchmark} runs it).
 */
@Tag("bench")
class GeometryBenchmark {

    private static final int RUNS = 15;

    @Test
    void measures() {
        SplittableRandom r = new SplittableRandom(1);
        double[] xs = new double[256];
        double[] ys = new double[256];
        for (int i = 0; i < 256; i++) {
            xs[i] = r.nextGaussian();
            ys[i] = r.nextGaussian();
        }
        Box box = new Box(-4, -4, 4, 4);
        report("Voronoi cells of 256 codes", () -> VoronoiCells.of(xs, ys, box));

        QuantizerConfig config = new QuantizerConfig(4, 384, 256);
        float[] values = new float[config.codebookValues()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        Codebooks cb = Codebooks.of(config, values, true);
        float[] rows = new float[5000 * 384];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) r.nextGaussian();
        }
        DataSample data = new DataSample(rows, 5000, 384, "bench");
        report("PCA frame: 256 codes x 96 dims + 5,000 rows", () -> ProjectionFrame.of(cb, 1, data, null));
        report("PCA frame: 256 codes x 96 dims, no data", () -> ProjectionFrame.of(cb, 1, null, null));
        report("nearest 5 codes + 5 of 5,000 rows", () -> {
            Neighbours.nearestCodes(cb, 1, 17, 5);
            return Neighbours.nearestRows(cb, 1, 17, data, 5);
        });
        float[] row = data.row(3);
        report("quick encode + decode of one row (4 heads)", () -> QuickCodec.decode(cb, QuickCodec.encode(cb, row)));
        assertEquals(256, VoronoiCells.of(xs, ys, box).length);
    }

    private static void report(String what, Supplier<Object> work) {
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "BENCH %-48s median %8.2f ms (min %.2f, max %.2f)%n", what, ms[RUNS / 2], ms[0], ms[RUNS - 1]);
    }
}
