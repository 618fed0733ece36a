package vqlens.ui.chart;

import java.util.ArrayList;
import java.util.List;

/** Axis ticks at "nice" values (1, 2, 5 × 10^n), in axis coordinates. */
public final class Ticks {

    private Ticks() {
    }

    /**
     * About {@code target} ticks inside {@code range} (axis coordinates of {@code scale}). Linear: multiples
     * of a nice step. Log: whole decades, or 1-2-5 within decades when the range spans few of them.
     */
    public static double[] of(Range range, Scale scale, int target) {
        if (range.isEmpty() || target < 1) {
            return new double[0];
        }
        return scale == Scale.LINEAR ? linear(range.min(), range.max(), target) : log(range.min(), range.max(), target);
    }

    /** A nice step for about {@code target} intervals over {@code span}. */
    public static double niceStep(double span, int target) {
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    static double[] linear(double min, double max, int target) {
        double step = niceStep(max - min, target);
        double first = Math.ceil(min / step - 1e-9) * step;
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            double v = first + i * step;
            if (v > max + step * 1e-9) {
                break;
            }
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] log(double min, double max, int target) {
        int lo = (int) Math.ceil(min - 1e-9);
        int hi = (int) Math.floor(max + 1e-9);
        int decades = hi - lo + 1;
        List<Double> out = new ArrayList<>();
        if (decades >= 2 && decades <= target / 3 + 1) { // few decades: 1, 2, 5 in each
            for (int d = lo - 1; d <= hi; d++) {
                for (double m : new double[] {1, 2, 5}) {
                    double v = d + Math.log10(m);
                    if (v >= min - 1e-9 && v <= max + 1e-9) {
                        out.add(v);
                    }
                }
            }
        } else if (decades >= 2) {
            int every = Math.max(1, (int) Math.ceil(decades / (double) target));
            for (int d = lo; d <= hi; d++) {
                if (Math.floorMod(d, every) == 0) {
                    out.add((double) d);
                }
            }
        } else { // within about one decade: nice linear values, shown on the log axis
            double vmin = Math.pow(10, min);
            double vmax = Math.pow(10, max);
            for (double v : linear(vmin, vmax, Math.max(3, target))) {
                if (v > 0) {
                    out.add(Math.log10(v));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
