package vqlens.core;

/**
 * The squared distance from one head of a row to one code, both ways: the encoder's float32 expansion
 * {@code (‖z_h‖² + ‖c‖²) + (−2⟨z_h, c⟩)}, its terms summed as {@link NearestCodes} sums them, and the direct
 * {@code ‖z_h − c‖²} in double. Plain Java (no ND4J), for a view that explains one distance while the data moves.
 *
 * @param rowNormSquared  {@code ‖z_h‖²}
 * @param codeNormSquared {@code ‖c‖²}
 * @param dot             {@code ⟨z_h, c⟩}
 * @param expansion       the encoder's distance from these terms
 * @param direct          {@code ‖z_h − c‖²} in double
 */
public record DistanceTerms(float rowNormSquared, float codeNormSquared, float dot, float expansion, double direct) {

    /** The terms for head {@code head} of {@code row} ({@code embeddingDim} values) and code {@code code}. */
    public static DistanceTerms of(Codebooks cb, int head, float[] row, int code) {
        QuantizerConfig q = cb.config();
        if (row == null || row.length != q.embeddingDim()) {
            throw new VqException("a row of " + (row == null ? 0 : row.length) + " values, the codebooks take "
                    + q.embeddingDim());
        }
        if (head < 0 || head >= q.heads() || code < 0 || code >= q.codes()) {
            throw new VqException("head " + head + ", code " + code + " outside the codebooks " + q);
        }
        float[] c = cb.code(head, code);
        int from = head * q.headDim();
        float zsq = NearestCodes.squaredNorm(q, head, row, 0);
        float csq = NearestCodes.dot(c, 0, c, 0, c.length);
        float dot = NearestCodes.dot(row, from, c, 0, c.length);
        double direct = 0;
        for (int j = 0; j < q.headDim(); j++) {
            double diff = (double) row[from + j] - c[j];
            direct += diff * diff;
        }
        return new DistanceTerms(zsq, csq, dot, (zsq + csq) + (-2f * dot), direct);
    }
}
