package vqlens.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.ProductQuantizer;
import vqlens.core.QuantizerConfig;

/** A drawn cell is where the encoder sends a point: every grid point lies in the cell of the code encode picks. */
class VoronoiCellsEncodeTest {
    /**
     * Float32 codes, a double polygon: a grid point closer than this to a cell edge may be encoded to the neighbour
     * (the encoder's float32 expansion rounds at ~1e-6 of ‖z‖² + ‖c‖² ≈ 50 here), so it may lie in either cell.
     */
    private static final double EDGE_SLACK = 1e-3;

    @Test
    void everyGridPointLiesInTheCellOfItsEncodedCode() {
        SplittableRandom random = new SplittableRandom(3);
        int k = 64;
        float[] values = new float[k * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-5, 5);
        }
        values[2 * 9] = values[2 * 4]; // a duplicate code: its cell is code 4's, as the encoder's ties go
        values[2 * 9 + 1] = values[2 * 4 + 1];
        ProductQuantizer pq = ProductQuantizer.of(Codebooks.of(new QuantizerConfig(1, 2, k), values, true));
        double[] xs = new double[k];
        double[] ys = new double[k];
        for (int c = 0; c < k; c++) {
            xs[c] = values[2 * c];
            ys[c] = values[2 * c + 1];
        }
        Box box = new Box(-6, -6, 6, 6);
        Polygon[] cells = VoronoiCells.of(xs, ys, box);
        assertTrue(cells[9].isEmpty(), "the duplicate has no cell of its own");
        int side = 121;
        float[] grid = new float[side * side * 2];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                grid[2 * (i * side + j)] = (float) (-6 + 12.0 * i / (side - 1));
                grid[2 * (i * side + j) + 1] = (float) (-6 + 12.0 * j / (side - 1));
            }
        }
        long[] codes = new long[side * side];
        pq.encode(grid, side * side, 0, codes);
        int clear = 0;
        for (int p = 0; p < side * side; p++) {
            double x = grid[2 * p];
            double y = grid[2 * p + 1];
            int encoded = (int) codes[p];
            assertTrue(cells[encoded].contains(x, y, EDGE_SLACK), "(" + x + ", " + y + ") encodes to " + encoded
                    + " outside its cell");
            int inside = 0;
            for (Polygon cell : cells) {
                inside += cell.contains(x, y, -EDGE_SLACK) ? 1 : 0;
            }
            assertTrue(inside <= 1, "cells overlap at (" + x + ", " + y + ")");
            clear += inside;
        }
        assertTrue(clear > side * side * 9 / 10, "most grid points lie clearly inside one cell, got " + clear);
        assertEquals(box.area(), sumOfAreas(cells), 1e-9 * box.area(), "the cells tile the box");
    }

    private static double sumOfAreas(Polygon[] cells) {
        double sum = 0;
        for (Polygon c : cells) {
            sum += c.area();
        }
        return sum;
    }
}
