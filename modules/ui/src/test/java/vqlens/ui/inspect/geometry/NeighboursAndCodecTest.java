package vqlens.ui.inspect.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;
import vqlens.ui.inspect.DataSample;

class NeighboursAndCodecTest {

    /** Distances are computed in double over float inputs: the two ways agree to rounding. */
    private static final double DISTANCE_TOLERANCE = 1e-9;

    private static Codebooks random(int heads, int codes, int headDim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        QuantizerConfig config = new QuantizerConfig(heads, heads * headDim, codes);
        float[] v = new float[config.codebookValues()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Codebooks.of(config, v, true);
    }

    private static float[] rows(int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (1.5 * r.nextGaussian());
        }
        return v;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void nearestCodesAreTheFiveSmallestDistancesToOtherCodes() {
        Codebooks cb = random(2, 40, 6, 1);
        for (int head = 0; head < 2; head++) {
            for (int code : new int[] {0, 17, 39}) {
                List<Neighbours.Neighbour> got = Neighbours.nearestCodes(cb, head, code, 5);
                List<Neighbours.Neighbour> all = new ArrayList<>();
                for (int c = 0; c < 40; c++) {
                    if (c != code) {
                        all.add(new Neighbours.Neighbour(c, distance(cb.code(head, code), cb.code(head, c))));
                    }
                }
                all.sort(Comparator.comparingDouble(Neighbours.Neighbour::distance));
                assertEquals(5, got.size());
                for (int i = 0; i < 5; i++) {
                    assertEquals(all.get(i).index(), got.get(i).index());
                    assertEquals(all.get(i).distance(), got.get(i).distance(), DISTANCE_TOLERANCE);
                }
            }
        }
    }

    @Test
    void fewerCodesThanAskedGiveAllOthersAndTiesKeepTheLowerIndex() {
        QuantizerConfig config = new QuantizerConfig(1, 2, 4);
        Codebooks cb = Codebooks.of(config, new float[] {0, 0, 1, 0, -1, 0, 0, 1}, true);
        List<Neighbours.Neighbour> got = Neighbours.nearestCodes(cb, 0, 0, 5);
        assertEquals(3, got.size());
        assertEquals(List.of(1, 2, 3), got.stream().map(Neighbours.Neighbour::index).toList(), "three at distance 1");
        assertTrue(Neighbours.nearestCodes(cb, 0, 0, 0).isEmpty());
    }

    @Test
    void nearestRowsUseTheHeadSliceOfEachRow() {
        Codebooks cb = random(3, 8, 4, 2);
        int n = 300;
        float[] data = rows(n, 12, 3);
        int head = 1;
        int code = 5;
        List<Neighbours.Neighbour> got = Neighbours.nearestRows(cb, head, code, new DataSample(data, n, 12, "test"), 5);
        List<Neighbours.Neighbour> all = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            float[] slice = new float[4];
            System.arraycopy(data, r * 12 + 4, slice, 0, 4);
            all.add(new Neighbours.Neighbour(r, distance(slice, cb.code(head, code))));
        }
        all.sort(Comparator.comparingDouble(Neighbours.Neighbour::distance));
        for (int i = 0; i < 5; i++) {
            assertEquals(all.get(i).index(), got.get(i).index());
            assertEquals(all.get(i).distance(), got.get(i).distance(), DISTANCE_TOLERANCE);
        }
    }

    @Test
    void encodeAgreesWithTheEditorsNearestCodesAndDecodeConcatenates() {
        Codebooks cb = random(4, 16, 3, 4);
        int n = 200;
        float[] data = rows(n, 12, 5);
        int[][] perHead = new int[4][];
        for (int h = 0; h < 4; h++) {
            perHead[h] = NearestCodes.ofHead(cb, h, data, n);
        }
        for (int r = 0; r < n; r++) {
            float[] row = new float[12];
            System.arraycopy(data, r * 12, row, 0, 12);
            int[] idx = QuickCodec.encode(cb, row);
            for (int h = 0; h < 4; h++) {
                assertEquals(perHead[h][r], idx[h], "row " + r + " head " + h);
            }
            float[] decoded = QuickCodec.decode(cb, idx);
            double total = 0;
            for (int h = 0; h < 4; h++) {
                float[] code = cb.code(h, idx[h]);
                for (int j = 0; j < 3; j++) {
                    assertEquals(code[j], decoded[h * 3 + j], "decoded value is the code's, bit for bit");
                }
                total += QuickCodec.headSquaredError(cb, row, h, idx[h]);
            }
            assertEquals(total, QuickCodec.squaredError(row, decoded), DISTANCE_TOLERANCE);
            // any other index of a head gives an error at least as large: the nearest code is optimal
            int[] other = idx.clone();
            other[2] = (idx[2] + 1) % 16;
            assertTrue(QuickCodec.squaredError(row, QuickCodec.decode(cb, other)) >= total - DISTANCE_TOLERANCE);
        }
        assertThrows(IllegalArgumentException.class, () -> QuickCodec.encode(cb, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> QuickCodec.decode(cb, new int[3]));
    }

    @Test
    void exactProjectionsMoveCodesExactlyAndPcaMovesAlongTheComponents() {
        Codebooks plane = random(2, 5, 2, 6);
        HeadProjection p = HeadProjection.of(plane, 1, null, 0);
        assertTrue(p.exact());
        float[] code = plane.code(1, 3);
        assertArrayEquals(new double[] {code[0], code[1]}, p.project(code, 0));
        assertArrayEquals(new float[] {code[0] + 0.5f, code[1] - 2f}, p.move(code, 0.5, -2), 1e-6f);

        Codebooks wide = random(1, 30, 8, 7);
        float[] data = rows(100, 8, 8);
        HeadProjection pca = HeadProjection.of(wide, 0, data, 100);
        assertFalse(pca.exact());
        float[] c = wide.code(0, 4);
        double[] before = pca.project(c, 0);
        float[] moved = pca.move(c, 1.25, -0.75);
        double[] after = pca.project(moved, 0);
        // float storage of the moved code limits this
        double floatSlack = 1e-5;
        assertEquals(before[0] + 1.25, after[0], floatSlack);
        assertEquals(before[1] - 0.75, after[1], floatSlack);
        // the move has no part outside the plane of the two components
        double[] delta = new double[8];
        for (int i = 0; i < 8; i++) {
            delta[i] = moved[i] - (double) c[i];
        }
        double inPlane = 1.25 * 1.25 + 0.75 * 0.75;
        double all = 0;
        for (double v : delta) {
            all += v * v;
        }
        assertEquals(inPlane, all, floatSlack);
    }

    @Test
    void recognisesSmoothSixteenBySixteenImagesOnly() {
        int n = 50;
        float[] images = new float[n * 256];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            int x0 = r.nextInt(2, 8);
            int y0 = r.nextInt(2, 8);
            for (int y = y0; y < y0 + 6; y++) {
                for (int x = x0; x < x0 + 6; x++) {
                    images[i * 256 + y * 16 + x] = 1; // a filled square
                }
            }
        }
        assertTrue(ImageLayout.looksLikeImages(images, n, 256));
        assertFalse(ImageLayout.looksLikeImages(rows(n, 256, 10), n, 256), "noise is not an image");
        assertFalse(ImageLayout.looksLikeImages(new float[n * 256], n, 256), "a constant is not an image");
        assertFalse(ImageLayout.looksLikeImages(rows(n, 255, 10), n, 255));
    }
}
