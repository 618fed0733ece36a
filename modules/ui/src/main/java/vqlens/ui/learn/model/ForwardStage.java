package vqlens.ui.learn.model;

import vqlens.core.QuantizerConfig;

/** The stages of the reference module's forward pass, in order, each with the shape of its tensor. */
public enum ForwardStage {
    INPUT("The input z"),
    SPLIT("Split into heads"),
    TERMS("The three terms"),
    DISTANCES("Distances to every code"),
    ARGMIN("argmin: the nearest code"),
    LOOKUP("Look the codes up"),
    CONCAT("Concatenate: z_q"),
    STRAIGHT_THROUGH("Straight-through estimator");

    private final String title;

    ForwardStage(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The stage's tensor shape for a batch of B rows, e.g. {@code [B, 4, 256]}. */
    public String shape(QuantizerConfig q) {
        return switch (this) {
            case INPUT, CONCAT, STRAIGHT_THROUGH -> "[B, " + q.embeddingDim() + "]";
            case SPLIT, LOOKUP -> "[B, " + q.heads() + ", " + q.headDim() + "]";
            case TERMS, DISTANCES -> "[B, " + q.heads() + ", " + q.codes() + "]";
            case ARGMIN -> "[B, " + q.heads() + "]";
        };
    }

    /** The whole chain of shapes, the stage's own marked: {@code [B, 384] → [B, 4, 96] → …}. */
    public static String chain(QuantizerConfig q) {
        return INPUT.shape(q) + " → " + SPLIT.shape(q) + " → " + DISTANCES.shape(q) + " → " + ARGMIN.shape(q)
                + " → " + CONCAT.shape(q);
    }
}
