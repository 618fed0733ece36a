package vqlens.ui.inspect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.SyntheticData;

/**
 * What the inspector costs on the FX thread, printed (not asserted): the table's and matrix's statistics of
 * one head, counting usage from 5,000 rows, and opening the seed codebook. Run with
 * {@code -Dui.bench.exclude=none -Dtest=InspectorBenchmark}.
 */
@Tag("bench")
class InspectorBenchmark {

    @Test
    void measures() {
        for (int[] shape : new int[][] {{256, 96}, {1024, 96}, {2048, 64}}) {
            Codebooks cb = random(shape[0], shape[1]);
            double ms = medianMillis(7, () -> HeadStats.of(cb, 0));
            System.out.printf(Locale.ROOT, "head statistics %d codes x %d dims: %.1f ms%n", shape[0], shape[1], ms);
        }
        InspectorViewModel vm = new InspectorViewModel();
        double open = medianMillis(5, () -> vm.open(Samples.codebooks().resolve("reference-4x256x96.npz"), null));
        System.out.printf(Locale.ROOT, "open reference-4x256x96.npz (read, statistics of head 0): %.1f ms%n", open);
        SyntheticData.Dataset rows = SyntheticData.standardNormal(5000, 384, 1);
        DataSample sample = new DataSample(rows.values(), 5000, 384, "bench");
        double usage = medianMillis(5, () -> {
            vm.setData(null);
            vm.setData(sample);
        });
        System.out.printf(Locale.ROOT, "usage counted from 5,000 rows, 4 heads x 256 codes x 96 dims: %.1f ms%n", usage);
    }

    private static Codebooks random(int codes, int dim) {
        Random r = new Random(3);
        float[] v = new float[codes * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Codebooks.of(new QuantizerConfig(1, dim, codes), v, true);
    }

    private static double medianMillis(int runs, Runnable work) {
        work.run(); // warm-up
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }
}
