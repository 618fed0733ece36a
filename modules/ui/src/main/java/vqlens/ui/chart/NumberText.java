package vqlens.ui.chart;

import java.util.Locale;

/** Short, locale-independent number labels for axes, hover boxes and status lines. */
public final class NumberText {

    private NumberText() {
    }

    /** A value with about {@code digits} significant digits: {@code 0.00123}, {@code 1.23e-05}, {@code 12.3k}. */
    public static String compact(double v, int digits) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e4 && a < 1e6) {
            return trim(String.format(Locale.ROOT, "%." + Math.max(0, digits - 2) + "f", v / 1e3)) + "k";
        }
        if (a >= 1e6 && a < 1e9) {
            return trim(String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "f", v / 1e6)) + "M";
        }
        if (a >= 1e-3 && a < 1e4) {
            int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(a)));
            return trim(String.format(Locale.ROOT, "%." + decimals + "f", v));
        }
        return String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "e", v).replace("e+0", "e").replace("e-0", "e-")
                .replace("e+", "e");
    }

    /** An axis tick label for a value at axis coordinate {@code coordinate} on {@code scale}, given the tick step. */
    public static String tick(double coordinate, Scale scale, double step) {
        double v = scale.inverse(coordinate);
        if (scale == Scale.LOG) {
            return compact(v, 2);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) {
            return compact(v, 3);
        }
        return String.format(Locale.ROOT, "%." + stepDecimals(step) + "f", v);
    }

    /** Decimals that show every multiple of {@code step} exactly: 0 for 5, 1 for 2.5 or 0.5, 2 for 0.25. */
    static int stepDecimals(double step) {
        for (int d = 0; d < 9; d++) {
            double scaled = step * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) <= 1e-6 * Math.max(1, scaled)) {
                return d;
            }
        }
        return 9;
    }

    /** {@code 1,234,567}. */
    public static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** {@code 0:42}, {@code 12:03}, {@code 1:02:03}. */
    public static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
