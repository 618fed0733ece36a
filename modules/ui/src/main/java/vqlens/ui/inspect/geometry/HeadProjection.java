package vqlens.ui.inspect.geometry;

import java.util.Optional;

import vqlens.core.Codebooks;

/**
 * How one head's vectors are placed in the 2-D view: exactly for a head of 2 dimensions (the plane
 * itself) or 1 (the line, drawn along x), else by the top two principal components. {@link #move} turns a
 * drag in the view into a new code vector: exact in the plane, along the two components for PCA.
 */
public final class HeadProjection {

    /** What the view shows. */
    public enum Kind {
        /** head dimension 1: x is the value, y is 0; cells are exact (vertical strips). */
        LINE,
        /** head dimension 2: the plane itself; cells are exact. */
        PLANE,
        /** head dimension above 2: a PCA projection; cells are not drawn. */
        PCA
    }

    private final Kind kind;
    private final int headDim;
    private final PrincipalComponents pca;

    private HeadProjection(Kind kind, int headDim, PrincipalComponents pca) {
        this.kind = kind;
        this.headDim = headDim;
        this.pca = pca;
    }

    /**
     * The projection of head {@code head}: exact for head dimensions 1 and 2; otherwise PCA fitted to the
     * head's codes and (when given) its slice of {@code rows} ({@code [rowCount, embeddingDim]}).
     */
    public static HeadProjection of(Codebooks cb, int head, float[] rows, int rowCount) {
        int d = cb.config().headDim();
        if (d == 1) {
            return new HeadProjection(Kind.LINE, d, null);
        }
        if (d == 2) {
            return new HeadProjection(Kind.PLANE, d, null);
        }
        float[] codes = HeadSlices.codes(cb, head);
        PrincipalComponents pc = rows == null || rowCount == 0
                ? PrincipalComponents.fit(d, codes)
                : PrincipalComponents.fit(d, codes, HeadSlices.rows(rows, rowCount, cb.config().embeddingDim(), head, d));
        return new HeadProjection(Kind.PCA, d, pc);
    }

    /** The head dimension this projection takes. */
    public int headDim() {
        return headDim;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether distances in the view are the true ones (and cells can be drawn). */
    public boolean exact() {
        return kind != Kind.PCA;
    }

    /** The PCA behind the view, empty when exact. */
    public Optional<PrincipalComponents> components() {
        return Optional.ofNullable(pca);
    }

    /** View coordinates of the head vector at {@code v[offset .. offset+headDim)}. */
    public double[] project(float[] v, int offset) {
        return switch (kind) {
            case LINE -> new double[] {v[offset], 0};
            case PLANE -> new double[] {v[offset], v[offset + 1]};
            case PCA -> pca.project(v, offset);
        };
    }

    /**
     * The code {@code code} moved by {@code (dx, dy)} in view coordinates: in the plane exactly; on the line
     * along x only; for PCA by {@code dx} along the first component and {@code dy} along the second (the other
     * directions keep their values).
     */
    public float[] move(float[] code, double dx, double dy) {
        if (code.length != headDim) {
            throw new IllegalArgumentException("a code of " + code.length + " values, expected " + headDim);
        }
        float[] out = code.clone();
        switch (kind) {
            case LINE -> out[0] = (float) (code[0] + dx);
            case PLANE -> {
                out[0] = (float) (code[0] + dx);
                out[1] = (float) (code[1] + dy);
            }
            case PCA -> {
                double[] a = pca.first();
                double[] b = pca.second();
                for (int i = 0; i < headDim; i++) {
                    out[i] = (float) (code[i] + dx * a[i] + dy * b[i]);
                }
            }
        }
        return out;
    }
}
