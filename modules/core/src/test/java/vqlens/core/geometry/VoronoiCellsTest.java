package vqlens.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class VoronoiCellsTest {

    /** Cells are computed in double from coordinates of size ~10: rounding is far below this. */
    private static final double EDGE_SLACK = 1e-9;
    /** Cells tile the box: their areas sum to its area up to rounding of that size. */
    private static final double AREA_TOLERANCE = 1e-9;

    @Test
    void everyRandomPointLiesInTheCellOfItsBruteForceNearestPoint() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n : new int[] {1, 2, 3, 16, 256}) {
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = random.nextDouble(-5, 5);
                ys[i] = random.nextDouble(-5, 5);
            }
            Box box = new Box(-6, -7, 6, 5);
            Polygon[] cells = VoronoiCells.of(xs, ys, box);
            for (int t = 0; t < 4000; t++) {
                double x = random.nextDouble(box.minX(), box.maxX());
                double y = random.nextDouble(box.minY(), box.maxY());
                int nearest = bruteForceNearest(xs, ys, x, y);
                assertTrue(cells[nearest].contains(x, y, EDGE_SLACK), n + " points: (" + x + ", " + y + ") not in the cell of " + nearest);
                int containing = 0;
                for (Polygon c : cells) {
                    if (c.contains(x, y, -EDGE_SLACK)) {
                        containing++;
                    }
                }
                assertTrue(containing <= 1, "cells overlap at (" + x + ", " + y + ")");
            }
            double sum = 0;
            for (Polygon c : cells) {
                sum += c.area();
            }
            assertEquals(box.area(), sum, AREA_TOLERANCE * box.area(), n + " cells tile the box");
        }
    }

    @Test
    void twoPointsSplitTheBoxAtTheirBisector() {
        Polygon[] cells = VoronoiCells.of(new double[] {-1, 3}, new double[] {0, 0}, new Box(-4, -2, 4, 2));
        // the bisector is x = 1: left cell [-4, 1] x [-2, 2], right cell [1, 4] x [-2, 2]
        assertEquals(5 * 4, cells[0].area(), AREA_TOLERANCE);
        assertEquals(3 * 4, cells[1].area(), AREA_TOLERANCE);
        for (double x : cells[0].xs()) {
            assertTrue(x <= 1 + EDGE_SLACK);
        }
        for (double x : cells[1].xs()) {
            assertTrue(x >= 1 - EDGE_SLACK);
        }
    }

    @Test
    void aGridOfPointsHasSquareCells() {
        double[] xs = new double[9];
        double[] ys = new double[9];
        for (int i = 0; i < 9; i++) {
            xs[i] = i % 3;
            ys[i] = i / 3;
        }
        Polygon[] cells = VoronoiCells.of(xs, ys, new Box(-0.5, -0.5, 2.5, 2.5));
        for (Polygon c : cells) {
            assertEquals(1.0, c.area(), AREA_TOLERANCE, "a unit square");
        }
    }

    @Test
    void aDuplicatePointHasNoCellOfItsOwnAsTheEncoderGivesTiesToTheFirst() {
        Polygon[] cells = VoronoiCells.of(new double[] {0, 2, 0}, new double[] {0, 0, 0}, new Box(-2, -2, 4, 2));
        assertFalse(cells[0].isEmpty());
        assertTrue(cells[2].isEmpty(), "code 2 equals code 0, which wins every tie");
        assertEquals(6 * 4, cells[0].area() + cells[1].area(), AREA_TOLERANCE);
    }

    @Test
    void pointsOnALineGiveStrips() {
        // a 1-D head is drawn along x: its cells are vertical strips with borders at the midpoints
        Polygon[] cells = VoronoiCells.of(new double[] {0, 1, 3}, new double[] {0, 0, 0}, new Box(-1, -1, 4, 1));
        assertEquals(1.5 * 2, cells[0].area(), AREA_TOLERANCE);
        assertEquals(1.5 * 2, cells[1].area(), AREA_TOLERANCE);
        assertEquals(2.0 * 2, cells[2].area(), AREA_TOLERANCE);
    }

    private static int bruteForceNearest(double[] xs, double[] ys, double x, double y) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            double d = (xs[i] - x) * (xs[i] - x) + (ys[i] - y) * (ys[i] - y);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
