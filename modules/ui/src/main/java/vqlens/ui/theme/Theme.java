package vqlens.ui.theme;

import java.net.URL;
import java.util.List;
import java.util.Objects;

import javafx.scene.Scene;

/**
 * The application's look. {@code base.css} styles everything through looked-up colours; a theme's
 * own sheet only defines those colours, so the dark theme is one more file and one more constant.
 */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private final String sheet;

    Theme(String sheet) {
        this.sheet = sheet;
    }

    /** Replaces the scene's style sheets with this theme's. */
    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(stylesheets());
    }

    /** The sheets' URLs, base first. */
    public List<String> stylesheets() {
        return List.of(url("base.css"), url(sheet));
    }

    private static String url(String name) {
        URL url = Objects.requireNonNull(Theme.class.getResource(name), () -> "missing style sheet " + name);
        return url.toExternalForm();
    }
}
