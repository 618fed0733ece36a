package vqlens.ui.plot;

import javafx.scene.paint.Color;

/**
 * Colours of codes: twelve categorical colours, mid-light so that they read on the light and the dark
 * theme, repeated in order for codes beyond twelve (256 codes reuse each about 21 times; neighbours in
 * index order always differ).
 */
public final class CodePalette {

    private static final Color[] COLOURS = {
        Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#e15759"), Color.web("#76b7b2"),
        Color.web("#59a14f"), Color.web("#edc948"), Color.web("#b07aa1"), Color.web("#ff9da7"),
        Color.web("#9c755f"), Color.web("#a0cbe8"), Color.web("#8cd17d"), Color.web("#d37295")};

    private CodePalette() {
    }

    /** Colour of code {@code code} (any int; the palette cycles). */
    public static Color of(int code) {
        return COLOURS[Math.floorMod(code, COLOURS.length)];
    }

    /** Colours before the palette repeats. */
    public static int size() {
        return COLOURS.length;
    }
}
