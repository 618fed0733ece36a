package vqlens.core;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One row's forward pass, stage by stage, for teaching: the per-head terms of the distance expansion
 * {@code ‖z_h‖² + ‖c‖² − 2⟨z_h, c⟩} (float32, summed as {@link NearestCodes} sums them) next to what
 * {@link ProductQuantizer#forward} itself returns for the row: its distances, indices (the first minimum) and
 * the straight-through forward value {@code z_q}. The terms are the explanation; the indices and distances shown
 * are always the forward's own. Immutable.
 */
public final class ForwardTrace {
    private final QuantizerConfig config;
    private final float[] row;
    private final float[] rowNorms;
    private final float[] codeNorms;
    private final float[] dots;
    private final float[] codes;
    private final long[] indices;
    private final float[] distances;
    private final float[] quantized;

    private ForwardTrace(QuantizerConfig config, float[] row, float[] codes, float[] rowNorms, float[] codeNorms,
                         float[] dots, long[] indices, float[] distances, float[] quantized) {
        this.config = config;
        this.row = row;
        this.codes = codes;
        this.rowNorms = rowNorms;
        this.codeNorms = codeNorms;
        this.dots = dots;
        this.indices = indices;
        this.distances = distances;
        this.quantized = quantized;
    }

    /**
     * Traces {@code row} ({@code embeddingDim} finite values) through {@code quantizer}, which must be initialised.
     *
     * @throws VqException for a row of the wrong length or with a NaN or infinite value
     */
    public static ForwardTrace of(ProductQuantizer quantizer, float[] row) {
        QuantizerConfig q = quantizer.config();
        if (row == null || row.length != q.embeddingDim()) {
            throw new VqException("a row of " + (row == null ? 0 : row.length) + " values; the codebooks take "
                    + q.embeddingDim() + " (" + q.heads() + " heads × " + q.headDim() + ")");
        }
        float[] z = row.clone();
        long[] indices = new long[q.heads()];
        float[] quantized = new float[q.embeddingDim()];
        float[] distances = new float[q.heads() * q.codes()];
        quantizer.forward(z, 1, 0, indices, quantized, distances);
        float[] codes = quantizer.snapshot().toArray();
        int k = q.codes();
        float[] rowNorms = new float[q.heads()];
        float[] codeNorms = new float[q.heads() * k];
        float[] dots = new float[q.heads() * k];
        for (int h = 0; h < q.heads(); h++) {
            rowNorms[h] = NearestCodes.squaredNorm(q, h, z, 0);
            System.arraycopy(NearestCodes.squaredNorms(codes, q, h), 0, codeNorms, h * k, k);
            System.arraycopy(NearestCodes.dots(codes, q, h, z, 0), 0, dots, h * k, k);
        }
        return new ForwardTrace(q, z, codes, rowNorms, codeNorms, dots, indices, distances, quantized);
    }

    public QuantizerConfig config() {
        return config;
    }

    /** The input row {@code z}, {@code [E]}. */
    public float[] row() {
        return row.clone();
    }

    /** {@code z_h}: head {@code head}'s slice of the row, {@code [D]}. */
    public float[] part(int head) {
        int d = config.headDim();
        return Arrays.copyOfRange(row, head * d, (head + 1) * d);
    }

    /** {@code ‖z_h‖²}. */
    public float rowNormSquared(int head) {
        return rowNorms[head];
    }

    /** {@code ‖c‖²} of code {@code code} of {@code head}. */
    public float codeNormSquared(int head, int code) {
        return codeNorms[head * config.codes() + code];
    }

    /** {@code ⟨z_h, c⟩}. */
    public float dot(int head, int code) {
        return dots[head * config.codes() + code];
    }

    /** The expansion from the terms, in float32 as the kernel adds them: {@code (‖z_h‖² + ‖c‖²) + (−2⟨z_h, c⟩)}. */
    public float expansion(int head, int code) {
        return (rowNormSquared(head) + codeNormSquared(head, code)) + (-2f * dot(head, code));
    }

    /** The direct {@code ‖z_h − c‖²}, in double: what the expansion approximates. */
    public double direct(int head, int code) {
        int d = config.headDim();
        int at = (head * config.codes() + code) * d;
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double diff = (double) row[head * d + j] - codes[at + j];
            sum += diff * diff;
        }
        return sum;
    }

    /** The forward's squared distance from {@code z_h} to the code, as it returns it ({@code [B, H, K]}). */
    public float distance(int head, int code) {
        return distances[head * config.codes() + code];
    }

    /** The forward's distances of {@code head}, {@code [K]}. */
    public float[] distances(int head) {
        int k = config.codes();
        return Arrays.copyOfRange(distances, head * k, (head + 1) * k);
    }

    /** The forward's index for {@code head}: the first code at the smallest distance. */
    public int index(int head) {
        return (int) indices[head];
    }

    /** Codes of {@code head} at exactly the forward's smallest distance, in index order (more than one: a tie). */
    public int[] tiedAtMinimum(int head) {
        float best = distance(head, index(head));
        return IntStream.range(0, config.codes()).filter(c -> distance(head, c) == best).toArray();
    }

    /** The {@code n} nearest codes of {@code head} by the forward's distance, nearest first, ties by index. */
    public int[] nearest(int head, int n) {
        return IntStream.range(0, config.codes()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(c -> distance(head, c)).thenComparingInt(c -> c))
                .limit(Math.max(0, n)).mapToInt(Integer::intValue).toArray();
    }

    /** The chosen code of {@code head}, {@code [D]}: the lookup. */
    public float[] chosenCode(int head) {
        int d = config.headDim();
        int at = (head * config.codes() + index(head)) * d;
        return Arrays.copyOfRange(codes, at, at + d);
    }

    /** The forward value {@code z_q = z + (q − z)} in float32, {@code [E]}: equal to the codes up to rounding. */
    public float[] quantized() {
        return quantized.clone();
    }
}
