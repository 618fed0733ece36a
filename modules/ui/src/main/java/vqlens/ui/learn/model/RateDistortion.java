package vqlens.ui.learn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.train.Init;
import vqlens.train.Trainer;
import vqlens.train.TrainingSettings;
import vqlens.train.UpdateRule;
import vqlens.train.data.DataSource;

/**
 * Lesson 5's computation, for the background: for each {@link PqChoice} the project's {@link Trainer} learns the
 * codebooks by k-means (lazy init from patches, {@link #MOVES} passes), then core's {@link ProductQuantizer} encodes
 * every patch and decodes the codes back into a picture. Training sees at most {@link #TRAIN_ROWS} patches drawn at
 * random from the seed (the whole chart stays within seconds); encoding always covers every patch. Cancelling is
 * polled between passes and between blocks of encoded patches.
 */
public final class RateDistortion {
    /** Patches the codebooks are trained on, at most: enough for 4,096 codes, fast enough for the chart. */
    public static final int TRAIN_ROWS = 8192;
    /** k-means passes (assign + update) per choice. */
    public static final int MOVES = 12;
    /** 4,096 codes in one head at most: the single codebook of 12 bits. */
    public static final int MAX_BITS_PER_HEAD = 12;
    /** Patches encoded between two polls of the cancel flag. */
    private static final int ENCODE_BLOCK = 2048;

    private RateDistortion() {
    }

    /**
     * Trains and applies each choice in order; {@code each} gets every result as it is done, {@code progress} 0…1
     * (weighted by each choice's work, K codes of 48 values per patch).
     *
     * @throws VqException when cancelled
     */
    public static List<PqResult> run(ImagePatches patches, List<PqChoice> choices, long seed, Consumer<PqResult> each,
                                     DoubleConsumer progress, BooleanSupplier cancelled) {
        double total = choices.stream().mapToDouble(RateDistortion::work).sum();
        List<PqResult> out = new ArrayList<>();
        double done = 0;
        for (PqChoice c : choices) {
            double before = done;
            double share = work(c) / total;
            PqResult r = compute(patches, c, seed, f -> progress.accept(before / total + share * f), cancelled);
            done += work(c);
            out.add(r);
            each.accept(r);
        }
        progress.accept(1);
        return out;
    }

    /** Cost of a choice: every patch meets K codes in every head of 48/H values. */
    private static double work(PqChoice c) {
        return (double) c.codes() * ImagePatches.DIM + 1000; // + a little per choice for its fixed costs
    }

    /** One choice: train, encode, decode. {@code progress} gets 0…1 of this choice. */
    public static PqResult compute(ImagePatches patches, PqChoice choice, long seed, DoubleConsumer progress,
                                   BooleanSupplier cancelled) {
        if (patches.count() < choice.codes()) {
            throw new VqException(patches.image().name() + ": " + patches.count() + " patches, fewer than the "
                    + choice.codes() + " codes of " + choice.label());
        }
        float[] train = trainingRows(patches, seed);
        int trainRows = train.length / ImagePatches.DIM;
        QuantizerConfig q = new QuantizerConfig(choice.heads(), ImagePatches.DIM, choice.codes());
        TrainingSettings settings = TrainingSettings.of(q, UpdateRule.KMEANS, trainRows, seed, MOVES)
                .withInit(Init.LAZY);
        Codebooks books;
        try (Trainer trainer = new Trainer(settings, DataSource.of(train, trainRows, ImagePatches.DIM, "patches"),
                Runnable::run)) {
            for (int m = 0; m < MOVES; m++) {
                checkCancelled(cancelled);
                trainer.step(); // one k-means pass on this thread
                progress.accept(0.8 * (m + 1) / MOVES);
            }
            books = trainer.snapshot().codebooks();
        }
        int n = patches.count();
        float[] rows = patches.rowsShared();
        long[] indices = new long[n * choice.heads()];
        float[] decoded = new float[n * ImagePatches.DIM];
        ProductQuantizer pq = ProductQuantizer.of(books);
        for (int from = 0; from < n; from += ENCODE_BLOCK) {
            checkCancelled(cancelled);
            int count = Math.min(ENCODE_BLOCK, n - from);
            float[] block = java.util.Arrays.copyOfRange(rows, from * ImagePatches.DIM, (from + count) * ImagePatches.DIM);
            long[] codes = new long[count * choice.heads()];
            pq.encode(block, count, from, codes);
            float[] out = new float[count * ImagePatches.DIM];
            pq.decode(codes, count, from, out);
            System.arraycopy(codes, 0, indices, from * choice.heads(), codes.length);
            System.arraycopy(out, 0, decoded, from * ImagePatches.DIM, out.length);
            progress.accept(0.8 + 0.2 * (from + count) / n);
        }
        LessonImage picture = patches.toImage(decoded, choice.label());
        return new PqResult(choice, books, indices, picture, patches.psnr(decoded), trainRows, MOVES);
    }

    /** All patches when they are few, else {@link #TRAIN_ROWS} distinct ones drawn from the seed. */
    static float[] trainingRows(ImagePatches patches, long seed) {
        float[] rows = patches.rowsShared();
        int n = patches.count();
        if (n <= TRAIN_ROWS) {
            return rows.clone();
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[TRAIN_ROWS * ImagePatches.DIM];
        for (int i = 0; i < TRAIN_ROWS; i++) { // a partial Fisher–Yates shuffle
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            System.arraycopy(rows, order[i] * ImagePatches.DIM, out, i * ImagePatches.DIM, ImagePatches.DIM);
        }
        return out;
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new VqException("the rate–distortion chart was cancelled");
        }
    }
}
