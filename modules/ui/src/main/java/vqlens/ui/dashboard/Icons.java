package vqlens.ui.dashboard;

import javafx.scene.shape.SVGPath;

/** Small vector icons for the run controls (no font glyphs, which a system may lack). */
final class Icons {

    private Icons() {
    }

    static SVGPath start() {
        return icon("M1 0 L11 6 L1 12 Z");
    }

    static SVGPath pause() {
        return icon("M1 0 H4.5 V12 H1 Z M7.5 0 H11 V12 H7.5 Z");
    }

    static SVGPath step() {
        return icon("M0 0 L7.5 6 L0 12 Z M8.5 0 H11.5 V12 H8.5 Z");
    }

    static SVGPath stop() {
        return icon("M1 1 H11 V11 H1 Z");
    }

    static SVGPath reset() {
        return icon("M6 0.5 A5.5 5.5 0 1 0 11.5 6 L9.5 6 A3.5 3.5 0 1 1 6 2.5 L6 4.8 L9.6 1.5 L6 -1.8 Z");
    }

    private static SVGPath icon(String path) {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.getStyleClass().add("run-icon");
        return p;
    }
}
