package vqlens.ui.learn.model;

import java.util.Locale;
import vqlens.train.data.SyntheticData;
import vqlens.train.data.TeachingSets;

/** The data sets of the plane lessons, drawn from {@code vqlens.train}'s teaching sets with a shown seed. */
public enum PlaneDataset {
    BLOBS, RINGS, MOONS, SPIRALS, SQUARE;

    /** The name in the lesson's choice box. */
    public String label() {
        return this == SQUARE ? "uniform square" : name().toLowerCase(Locale.ROOT);
    }

    /** {@code rows} points {@code [rows, 2]}, the same for the same seed. */
    public float[] points(int rows, long seed) {
        SyntheticData.Dataset d = switch (this) {
            case BLOBS -> TeachingSets.blobs(rows, 6, 0.55, seed);
            case RINGS -> TeachingSets.rings(rows, 3, 0.08, seed);
            case MOONS -> TeachingSets.moons(rows, 0.08, seed);
            case SPIRALS -> TeachingSets.spirals(rows, 2, 0.08, seed);
            case SQUARE -> TeachingSets.square(rows, seed);
        };
        return d.values();
    }

    @Override
    public String toString() {
        return label();
    }
}
