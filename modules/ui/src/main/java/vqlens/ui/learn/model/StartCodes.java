package vqlens.ui.learn.model;

import java.util.Locale;
import vqlens.train.Init;

/** How lesson 2's codebook starts: the trainer's two inits, or deliberately badly. */
public enum StartCodes {
    /** The reference module's lazy init: random data rows. */
    RANDOM_ROWS(Init.LAZY),
    /** k-means++ (D² sampling). */
    KMEANS_PLUS_PLUS(Init.KMEANS_PLUS_PLUS),
    /** All codes huddled in one corner of the plane: most never win a point. */
    CORNER(null);

    private final Init init;

    StartCodes(Init init) {
        this.init = init;
    }

    /** The trainer's init, or {@code null} for {@link #CORNER} (given codebooks). */
    public Init init() {
        return init;
    }

    public String label() {
        return switch (this) {
            case RANDOM_ROWS -> "random data rows (lazy init)";
            case KMEANS_PLUS_PLUS -> "k-means++";
            case CORNER -> "all in one corner (bad)";
        };
    }

    @Override
    public String toString() {
        return label().toLowerCase(Locale.ROOT);
    }
}
