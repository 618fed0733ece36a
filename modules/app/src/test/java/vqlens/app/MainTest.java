package vqlens.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void displayComesFromX11WaylandOrAnExplicitGlassPlatform() {
        assertFalse(Main.hasDisplay(Map.of(), null));
        assertFalse(Main.hasDisplay(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", " "), null));
        assertTrue(Main.hasDisplay(Map.of("DISPLAY", ":0"), null));
        assertTrue(Main.hasDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), null));
        assertTrue(Main.hasDisplay(Map.of(), "Monocle"));
    }

    @Test
    void noDisplayMessageIsOneLine() {
        assertTrue(Main.NO_DISPLAY.startsWith("vqlens: ") && !Main.NO_DISPLAY.contains("\n"));
    }
}
