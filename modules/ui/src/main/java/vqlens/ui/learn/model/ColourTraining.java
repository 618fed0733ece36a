package vqlens.ui.learn.model;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.train.Hyperparameters;
import vqlens.train.Stepper;
import vqlens.train.TrainingSettings;
import vqlens.train.UpdateRule;

/**
 * Lesson 4's computation, for the background: the trainer's {@link Stepper} learns K colours from a seeded sample of
 * the pixels (k-means: Lloyd passes, assign then update; EMA: one mini-batch per step), and after each pass (k-means)
 * or every {@link #EMA_PUBLISH_EVERY} batches (EMA) core's {@link ProductQuantizer} encodes the WHOLE image with the
 * codebook so far, giving every pixel's code, the usage and the MSE. The cancel flag is polled between steps and
 * between blocks of encoded pixels, so a stop takes effect within milliseconds.
 */
public final class ColourTraining {
    /** Pixels the codebook learns from, at most (a seeded sample): fast passes, plenty for 256 colours. */
    public static final int SAMPLE_ROWS = 16_384;
    /** k-means passes at most (a pass that changes no assignment ends the run sooner). */
    public static final int KMEANS_PASSES = 25;
    /** Rows per EMA batch. */
    public static final int EMA_BATCH = 1024;
    /** EMA batches per run: 12.5 passes over the sample. */
    public static final int EMA_STEPS = 200;
    /** EMA decay: quicker than Sonnet's 0.99, so a lesson's 200 batches settle. */
    public static final double EMA_DECAY = 0.9;
    static final int EMA_PUBLISH_EVERY = 10;
    /** Pixels encoded between two polls of the cancel flag. */
    private static final int ENCODE_BLOCK = 32_768;

    private ColourTraining() {
    }

    /** One run: which image, how many colours, which rule, which seed; {@code key} says which lesson state it is for. */
    public record Job(String key, LessonImage image, int codes, UpdateRule method, long seed) {

        /**
         * Trains and encodes; {@code publish} gets every snapshot (step 0 is the starting codebook). Returns the
         * last snapshot, finished, or {@code null} when cancelled.
         */
        public ColourSnapshot run(Consumer<ColourSnapshot> publish, BooleanSupplier cancelled) {
            return ColourTraining.run(this, publish, cancelled);
        }
    }

    static ColourSnapshot run(Job job, Consumer<ColourSnapshot> publish, BooleanSupplier cancelled) {
        float[] pixels = job.image().rgb();
        int n = pixels.length / 3;
        float[] sample = sample(pixels, n, job.seed());
        int rows = sample.length / 3;
        boolean kMeans = job.method() == UpdateRule.KMEANS;
        int batch = kMeans ? rows : Math.min(EMA_BATCH, rows);
        QuantizerConfig q = new QuantizerConfig(1, 3, job.codes());
        Hyperparameters hyper = Hyperparameters.defaults(job.method(), batch, job.codes());
        if (!kMeans) {
            hyper = hyper.withDecay(EMA_DECAY);
        }
        TrainingSettings settings = TrainingSettings.of(q, job.method(), batch, job.seed(), 0).withHyper(hyper);
        int steps = kMeans ? KMEANS_PASSES : EMA_STEPS;
        Stepper stepper = Stepper.start(settings, sample, rows);
        ColourSnapshot first = encode(stepper.state().codebooks(), pixels, n, -1, 0, steps, rows, cancelled);
        if (first == null) {
            return null;
        }
        double initialMse = first.mse();
        ColourSnapshot last = withInitial(first, initialMse);
        publish.accept(last);
        double previous = Double.NaN;
        for (int s = 1; s <= steps; s++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            boolean converged = false;
            if (kMeans) {
                stepper.assign();
                double mse = stepper.update().mse();
                converged = mse == previous; // the sample's assignment no longer changes
                previous = mse;
            } else {
                stepper.step();
            }
            boolean end = converged || s == steps;
            if (kMeans || end || s % EMA_PUBLISH_EVERY == 0) {
                ColourSnapshot next = encode(stepper.state().codebooks(), pixels, n, initialMse, s, steps, rows,
                        cancelled);
                if (next == null) {
                    return null;
                }
                last = next;
                if (end) {
                    last = last.finishedAs(true);
                }
                publish.accept(last);
            }
            if (end) {
                break;
            }
        }
        return last;
    }

    private static ColourSnapshot withInitial(ColourSnapshot s, double initialMse) {
        return new ColourSnapshot(s.codebook(), s.indicesShared(), s.usage(), s.mse(), s.psnr(), initialMse, s.step(),
                s.steps(), s.finished(), s.trainRows());
    }

    /** Every pixel through core's encoder ({@code null} when cancelled): codes, usage, and the MSE of the result. */
    static ColourSnapshot encode(Codebooks codebook, float[] pixels, int n, double initialMse, int step, int steps,
                                 int trainRows, BooleanSupplier cancelled) {
        ProductQuantizer pq = ProductQuantizer.of(codebook);
        long[] indices = new long[n];
        float[] quantised = new float[n * 3];
        for (int from = 0; from < n; from += ENCODE_BLOCK) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            int count = Math.min(ENCODE_BLOCK, n - from);
            float[] block = java.util.Arrays.copyOfRange(pixels, from * 3, (from + count) * 3);
            long[] codes = new long[count];
            float[] out = new float[count * 3];
            pq.forward(block, count, from, codes, out, null);
            System.arraycopy(codes, 0, indices, from, count);
            System.arraycopy(out, 0, quantised, from * 3, count * 3);
        }
        double mse = mse(pixels, quantised);
        return new ColourSnapshot(codebook, indices, usage(indices, codebook.config().codes()), mse,
                ImagePatches.psnrOf(mse), initialMse < 0 ? mse : initialMse, step, steps, false, trainRows);
    }

    /** Fraction of the pixels each code has. */
    static double[] usage(long[] indices, int codes) {
        double[] counts = new double[codes];
        for (long i : indices) {
            counts[(int) i]++;
        }
        for (int k = 0; k < codes; k++) {
            counts[k] /= indices.length;
        }
        return counts;
    }

    /** Mean squared difference per value (R, G and B each count), in double. */
    static double mse(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum / a.length;
    }

    /** All pixels when they are few, else {@link #SAMPLE_ROWS} distinct ones drawn from the seed. */
    static float[] sample(float[] pixels, int n, long seed) {
        if (n <= SAMPLE_ROWS) {
            return pixels.clone();
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[SAMPLE_ROWS * 3];
        for (int i = 0; i < SAMPLE_ROWS; i++) { // a partial Fisher–Yates shuffle
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            System.arraycopy(pixels, order[i] * 3, out, i * 3, 3);
        }
        return out;
    }
}
