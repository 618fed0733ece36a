package vqlens.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;

/**
 * Makes the small 2-D teaching codebook shipped in {@code resources/codebooks/teaching-1x16x2.*}: the
 * k-means centres of 16 Gaussian blobs. Deterministic (seeded {@link Random}, plain double arithmetic), so
 * {@code SamplesTest} can check the shipped files against it. Regenerate from {@code modules/core} with
 * the test classes on the class path: {@code java -cp … vqlens.core.io.TeachingCodebook ../../resources/codebooks}.
 *
 * <p>Data: 16 blobs centred on the grid {-4.5, -1.5, 1.5, 4.5}², 64 points each, N(0, 0.6²) noise per axis
 * (seed 20240601), 1024 points. k-means: 10 runs of k-means++ initialisation (one random stream, seed 7)
 * followed by Lloyd iterations until no point changes its code; the run with the lowest inertia wins. The codes are sorted by grid row (y) then x, so code {@code 4r + c} is the centre
 * of the blob in row r, column c; {@code usage} holds each code's number of points.
 */
final class TeachingCodebook {
    static final String NAME = "teaching-1x16x2";
    static final double[] GRID = {-4.5, -1.5, 1.5, 4.5};
    static final int POINTS_PER_BLOB = 64;
    static final double SIGMA = 0.6;
    static final long DATA_SEED = 20240601;
    static final long INIT_SEED = 7;
    static final int RESTARTS = 10;
    private static final int CODES = 16;

    private TeachingCodebook() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        CodebookDocument document = generate();
        CodebookFiles.save(dir.resolve(NAME + ".npz"), document);
        CodebookFiles.save(dir.resolve(NAME + ".csv"), document);
        writeRows(dir.resolve(NAME + ".rows.npy"));
    }

    /** The 1,024 points the codes were made from, float32 {@code [1024, 2]}: the inspector shows them beside the file. */
    static void writeRows(Path file) {
        double[][] points = points();
        float[] values = new float[points.length * 2];
        for (int p = 0; p < points.length; p++) {
            values[2 * p] = (float) points[p][0];
            values[2 * p + 1] = (float) points[p][1];
        }
        try (NpyWriter w = NpyWriter.create(file, NpyDtype.FLOAT32, points.length, 2)) {
            w.writeFloats(values, 0, values.length);
            w.commit();
        }
    }

    static double[][] points() {
        Random random = new Random(DATA_SEED);
        List<double[]> points = new ArrayList<>();
        for (double y : GRID) {
            for (double x : GRID) {
                for (int i = 0; i < POINTS_PER_BLOB; i++) {
                    points.add(new double[] {x + SIGMA * random.nextGaussian(), y + SIGMA * random.nextGaussian()});
                }
            }
        }
        return points.toArray(new double[0][]);
    }

    /** One k-means run: centres, each point's code, Lloyd iterations, inertia (sum of squared distances). */
    private record Run(double[][] centres, int[] assignment, int iterations, double inertia) {
    }

    static CodebookDocument generate() {
        double[][] points = points();
        Random random = new Random(INIT_SEED);
        Run best = null;
        for (int restart = 0; restart < RESTARTS; restart++) { // as scikit-learn's n_init: keep the lowest inertia
            Run run = lloyd(points, kMeansPlusPlus(points, random));
            if (best == null || run.inertia() < best.inertia()) {
                best = run;
            }
        }
        double[][] centres = best.centres();
        int[] assignment = best.assignment();
        // Sort by grid row, then x, and count the points of each code in the new order.
        Integer[] order = new Integer[CODES];
        for (int k = 0; k < CODES; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(k -> Math.round((centres[k][1] - GRID[0]) / (GRID[1] - GRID[0])))
                .thenComparingDouble(k -> centres[k][0]));
        float[] values = new float[CODES * 2];
        long[] usage = new long[CODES];
        for (int rank = 0; rank < CODES; rank++) {
            values[rank * 2] = (float) centres[order[rank]][0];
            values[rank * 2 + 1] = (float) centres[order[rank]][1];
        }
        int[] rankOf = new int[CODES];
        for (int rank = 0; rank < CODES; rank++) {
            rankOf[order[rank]] = rank;
        }
        for (int p = 0; p < points.length; p++) {
            usage[rankOf[assignment[p]]]++;
        }
        Codebooks codebooks = Codebooks.of(new QuantizerConfig(1, 2, CODES), values, true);
        return CodebookDocument.of(codebooks, usage, meta(best.iterations(), best.inertia()));
    }

    /** Lloyd iterations from {@code initial} until no point changes its code. */
    private static Run lloyd(double[][] points, double[][] initial) {
        double[][] centres = initial;
        int[] assignment = new int[points.length];
        Arrays.fill(assignment, -1);
        int iterations = 0;
        boolean changed = true;
        while (changed && iterations < 1000) {
            iterations++;
            changed = false;
            for (int p = 0; p < points.length; p++) {
                int code = nearest(points[p], centres);
                changed |= code != assignment[p];
                assignment[p] = code;
            }
            double[][] sums = new double[CODES][2];
            int[] counts = new int[CODES];
            for (int p = 0; p < points.length; p++) {
                sums[assignment[p]][0] += points[p][0];
                sums[assignment[p]][1] += points[p][1];
                counts[assignment[p]]++;
            }
            for (int k = 0; k < CODES; k++) {
                if (counts[k] > 0) { // an empty cluster keeps its centre
                    centres[k] = new double[] {sums[k][0] / counts[k], sums[k][1] / counts[k]};
                }
            }
        }
        double inertia = 0;
        for (int p = 0; p < points.length; p++) {
            inertia += squared(points[p], centres[assignment[p]]);
        }
        return new Run(centres, assignment, iterations, inertia);
    }

    private static String meta(int iterations, double inertia) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("description", "Teaching codebook: k-means centres of 16 Gaussian blobs on a 4 x 4 grid in the plane");
        root.putObject("config").put("heads", 1).put("embedding_dim", 2).put("codes", CODES);
        ObjectNode data = root.putObject("data");
        data.put("blobs", 16).put("points_per_blob", POINTS_PER_BLOB).put("sigma", SIGMA).put("seed", DATA_SEED);
        ArrayNode grid = data.putArray("grid");
        for (double g : GRID) {
            grid.add(g);
        }
        root.putObject("training").put("method", "k-means: k-means++ initialisation, Lloyd iterations until no point changes its code;"
                        + " best of " + RESTARTS + " runs by inertia")
                .put("init_seed", INIT_SEED).put("runs", RESTARTS).put("iterations", iterations).put("inertia", inertia)
                .put("points", GRID.length * GRID.length * POINTS_PER_BLOB);
        root.put("created_by", "modules/core/src/test/java/vqlens/core/io/TeachingCodebook.java");
        return root.toString();
    }

    private static double[][] kMeansPlusPlus(double[][] points, Random random) {
        double[][] centres = new double[CODES][];
        centres[0] = points[random.nextInt(points.length)].clone();
        double[] d2 = new double[points.length];
        for (int k = 1; k < CODES; k++) {
            double total = 0;
            for (int p = 0; p < points.length; p++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    best = Math.min(best, squared(points[p], centres[j]));
                }
                d2[p] = best;
                total += best;
            }
            double target = random.nextDouble() * total;
            int chosen = points.length - 1;
            for (int p = 0; p < points.length; p++) {
                target -= d2[p];
                if (target < 0) {
                    chosen = p;
                    break;
                }
            }
            centres[k] = points[chosen].clone();
        }
        return centres;
    }

    private static int nearest(double[] point, double[][] centres) {
        int best = 0;
        for (int k = 1; k < centres.length; k++) {
            if (squared(point, centres[k]) < squared(point, centres[best])) {
                best = k;
            }
        }
        return best;
    }

    private static double squared(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        return dx * dx + dy * dy;
    }
}
