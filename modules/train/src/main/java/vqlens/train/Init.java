package vqlens.train;

import java.util.Locale;

/** How the codebooks get their first values, before the first update. */
public enum Init {
    /** The reference module's lazy init: each head's codes are random distinct rows of the first batch. */
    LAZY("lazy"),
    /**
     * k-means++ (D² sampling) per head on the first batch, or on {@value #KMEANS_PP_MAX_ROWS} of its rows
     * chosen at random when the batch is larger (the cost is {@code rows × K × D} per head).
     */
    KMEANS_PLUS_PLUS("kmeans++");

    /** Rows k-means++ looks at, at most. */
    public static final int KMEANS_PP_MAX_ROWS = 8192;

    private final String label;

    Init(String label) {
        this.label = label;
    }

    /** The command-line and file name: {@code lazy} or {@code kmeans++}. */
    public String label() {
        return label;
    }

    /** Parses {@link #label()} (case-insensitive; {@code kmeanspp} is accepted too). */
    public static Init parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Init i : values()) {
            if (i.label.equals(t)) {
                return i;
            }
        }
        if (t.equals("kmeanspp") || t.equals("kmeans_plus_plus")) {
            return KMEANS_PLUS_PLUS;
        }
        throw new vqlens.core.VqException("unknown init '" + text + "'; expected lazy or kmeans++");
    }
}
