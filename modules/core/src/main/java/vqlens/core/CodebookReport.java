package vqlens.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Health statistics of codebooks, per head, for {@code vqlens inspect} and the inspector: code norms,
 * duplicate codes, the nearest pair of distinct codes and NaN/infinite values. Codes that hold a NaN or
 * an infinity are counted and located but left out of the norms, duplicates and nearest pair (their
 * distances mean nothing). Computed once, in double precision; immutable.
 */
public final class CodebookReport {
    /** The nearest pair costs O(codes² × dim) per head; above this many codes it is skipped. */
    public static final int MAX_CODES_FOR_NEAREST_PAIR = 4096;

    /** A value's place: {@code codebooks[head, code, dim]}. */
    public record Position(int head, int code, int dim) {
    }

    /** Two distinct codes of one head ({@code first < second}) and their Euclidean distance. */
    public record CodePair(int first, int second, double distance) {
    }

    /**
     * One head.
     *
     * @param head               the head index
     * @param finiteCodes        codes whose values are all finite (the rest are left out below)
     * @param normMin            smallest Euclidean norm of a finite code (NaN if there is none)
     * @param normMean           mean norm of the finite codes (NaN if there is none)
     * @param normMax            largest norm of a finite code (NaN if there is none)
     * @param duplicates         finite codes exactly equal (value by value, {@code -0.0 == 0.0}) to an earlier code
     * @param nearestPair        the closest two finite codes that are not equal (first such pair on ties);
     *                           empty if there are fewer than two distinct ones or the search was skipped
     * @param nearestPairSkipped true if the head has more than the limit of codes for the pair search
     * @param nonFiniteValues    NaN and infinite values in the head
     * @param firstNonFinite     the first of them in C order, if any
     */
    public record Head(int head, int finiteCodes, double normMin, double normMean, double normMax, int duplicates,
                       Optional<CodePair> nearestPair, boolean nearestPairSkipped, long nonFiniteValues,
                       Optional<Position> firstNonFinite) {
    }

    private final QuantizerConfig config;
    private final List<Head> heads;

    private CodebookReport(QuantizerConfig config, List<Head> heads) {
        this.config = config;
        this.heads = heads;
    }

    /** The report with the default limit for the nearest-pair search ({@value #MAX_CODES_FOR_NEAREST_PAIR} codes). */
    public static CodebookReport of(Codebooks codebooks) {
        return of(codebooks, MAX_CODES_FOR_NEAREST_PAIR);
    }

    /** The report; heads with more than {@code maxCodesForNearestPair} codes skip the nearest pair. */
    public static CodebookReport of(Codebooks codebooks, int maxCodesForNearestPair) {
        Objects.requireNonNull(codebooks, "codebooks");
        QuantizerConfig config = codebooks.config();
        List<Head> heads = new ArrayList<>(config.heads());
        for (int h = 0; h < config.heads(); h++) {
            heads.add(head(codebooks, h, maxCodesForNearestPair));
        }
        return new CodebookReport(config, List.copyOf(heads));
    }

    public QuantizerConfig config() {
        return config;
    }

    public List<Head> heads() {
        return heads;
    }

    /** NaN and infinite values in all heads. */
    public long nonFiniteValues() {
        return heads.stream().mapToLong(Head::nonFiniteValues).sum();
    }

    /** The first NaN or infinite value in C order, if any. */
    public Optional<Position> firstNonFinite() {
        return heads.stream().map(Head::firstNonFinite).flatMap(Optional::stream).findFirst();
    }

    /** Duplicate codes in all heads. */
    public int duplicates() {
        return heads.stream().mapToInt(Head::duplicates).sum();
    }

    private static Head head(Codebooks codebooks, int h, int maxCodesForNearestPair) {
        int codes = codebooks.config().codes();
        int dim = codebooks.config().headDim();
        float[][] code = new float[codes][];
        boolean[] finite = new boolean[codes];
        long nonFinite = 0;
        Position first = null;
        int finiteCodes = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int k = 0; k < codes; k++) {
            code[k] = codebooks.code(h, k);
            finite[k] = true;
            for (int d = 0; d < dim; d++) {
                if (!Float.isFinite(code[k][d])) {
                    finite[k] = false;
                    nonFinite++;
                    if (first == null) {
                        first = new Position(h, k, d);
                    }
                }
            }
            if (finite[k]) {
                double norm = codebooks.norm(h, k);
                finiteCodes++;
                min = Math.min(min, norm);
                max = Math.max(max, norm);
                sum += norm;
            }
        }
        boolean[] duplicate = new boolean[codes];
        int duplicates = markDuplicates(code, finite, duplicate);
        boolean skipped = codes > maxCodesForNearestPair;
        CodePair pair = skipped ? null : nearestPair(code, finite, duplicate);
        return new Head(h, finiteCodes, finiteCodes == 0 ? Double.NaN : min, finiteCodes == 0 ? Double.NaN : sum / finiteCodes,
                finiteCodes == 0 ? Double.NaN : max, duplicates, Optional.ofNullable(pair), skipped, nonFinite,
                Optional.ofNullable(first));
    }

    /** Marks finite codes equal to an earlier one (hashing, O(codes × dim)); returns how many. */
    private static int markDuplicates(float[][] code, boolean[] finite, boolean[] duplicate) {
        Map<ExactCode, Integer> firstSeen = new HashMap<>();
        int count = 0;
        for (int k = 0; k < code.length; k++) {
            if (finite[k] && firstSeen.putIfAbsent(new ExactCode(code[k]), k) != null) {
                duplicate[k] = true;
                count++;
            }
        }
        return count;
    }

    /**
     * The closest pair of finite codes that are not equal, by {@link CodeDistances}' exhaustive search.
     * Duplicates are left out (their original stands in for them), so a pair never has distance 0 unless the
     * values underflow.
     */
    private static CodePair nearestPair(float[][] code, boolean[] finite, boolean[] duplicate) {
        boolean[] compared = new boolean[code.length];
        for (int k = 0; k < code.length; k++) {
            compared[k] = finite[k] && !duplicate[k];
        }
        return CodeDistances.among(code, compared, false).nearestPair().orElse(null);
    }

    /** A code compared value by value with {@code ==} semantics for finite floats ({@code -0.0} equals {@code 0.0}). */
    private static final class ExactCode {
        private final float[] values;
        private final int hash;

        ExactCode(float[] values) {
            this.values = values;
            int h = 1;
            for (float v : values) {
                h = 31 * h + Float.floatToIntBits(v == 0 ? 0f : v);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ExactCode other) || other.values.length != values.length) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] != other.values[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Override
    public String toString() {
        return "CodebookReport[" + config + ", duplicates " + duplicates() + ", non-finite values " + nonFiniteValues()
                + ", heads " + Arrays.toString(heads.toArray()) + "]";
    }
}
