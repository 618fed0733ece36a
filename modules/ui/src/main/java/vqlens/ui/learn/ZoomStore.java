package vqlens.ui.learn;

import java.util.prefs.Preferences;

/** Where the Learn tab's presenter zoom is kept between launches; tests inject one in memory. */
public interface ZoomStore {
    double load();

    void save(double zoom);

    /** The user's preferences ({@code java.util.prefs}, node {@code /vqlens/learn}). */
    static ZoomStore userPreferences() {
        Preferences node = Preferences.userRoot().node("vqlens/learn");
        return new ZoomStore() {
            @Override
            public double load() {
                return node.getDouble("zoom", 1.0);
            }

            @Override
            public void save(double zoom) {
                node.putDouble("zoom", zoom);
            }
        };
    }

    /** A store in memory, starting at {@code zoom}. */
    static ZoomStore inMemory(double zoom) {
        double[] value = {zoom};
        return new ZoomStore() {
            @Override
            public double load() {
                return value[0];
            }

            @Override
            public void save(double z) {
                value[0] = z;
            }
        };
    }
}
