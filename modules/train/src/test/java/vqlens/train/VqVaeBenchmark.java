package vqlens.train;

import java.util.List;
import java.util.Locale;
import vqlens.core.QuantizerConfig;
import vqlens.train.data.DataSource;
import vqlens.train.data.ShapesData;

/**
 * Speed of the full VQ-VAE mode (a benchmark, not a test: it prints and asserts nothing; its name keeps it
 * out of the normal test run). The 16 × 16 shapes, encoder 256 → 256 → 128 → 32, decoder mirrored, 4 heads ×
 * 64 codes, Adam, batch 64, as {@code vqlens train --mode vqvae} runs it (synchronous loop, a snapshot with
 * VQ-VAE pictures every 10 steps). Run after {@code mvn -pl modules/train -am test-compile} with
 * <pre>
 * java -cp modules/train/target/test-classes:modules/train/target/classes:modules/core/target/classes:&lt;ND4J class path&gt; \
 *     vqlens.train.VqVaeBenchmark [steps]
 * </pre>
 * The machine is noisy: compare figures from one window. The training thread's CPU time is the steadier
 * figure on a shared machine (small-batch network calls run ND4J single-threaded; it includes the JIT and GC).
 */
public final class VqVaeBenchmark {
    private VqVaeBenchmark() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        QuantizerConfig latent = new QuantizerConfig(4, 32, 64);
        TrainingSettings settings = new TrainingSettings(latent, UpdateRule.ADAM, Init.LAZY, 64, 1, 20,
                Hyperparameters.defaults(UpdateRule.ADAM, 64, latent.codes()).withLearningRate(2e-3), 10,
                new VqVaeShape(ShapesData.DIM, List.of(256, 128)));
        try (Trainer t = new Trainer(settings, DataSource.of(ShapesData.generate(8192, 9), "shapes"), Runnable::run)) {
            t.start(); // warm-up: ND4J, JIT, the first snapshots
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            t.setMaxSteps(20 + steps);
            t.start(); // the synchronous executor runs every step on this thread
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            List<StepMetrics> h = t.history();
            VqVaeView view = t.snapshot().vqvae();
            System.out.printf(Locale.ROOT, "VQ-VAE shapes 16x16, hidden 256,128, %s, batch 64: %d steps in %.2f s = %.1f steps/s"
                            + " (%.0f rows/s); process CPU time %.2f s = %.1f steps per CPU second;"
                            + " reconstruction MSE step 1 %.4f -> step %d %.4f; samples' MSE %.4f%n",
                    latent, steps, seconds, steps / seconds, steps * 64 / seconds, cpuSeconds, steps / cpuSeconds,
                    h.get(0).lossReconstruction(),
                    h.size(), h.get(h.size() - 1).lossReconstruction(), view == null ? Double.NaN : view.sampleMse());
        }
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }
}
