package vqlens.ui.inspect.views;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFiles;
import vqlens.train.data.ShapesData;
import vqlens.train.data.SyntheticData;
import vqlens.ui.inspect.CodeUsage;
import vqlens.ui.inspect.DataSample;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.theme.Theme;

/** Codebooks, data and a window for the views' UI tests: each pane alone in a stage with a view model. */
final class ViewsFixture {

    /** The shipped 2-D teaching codebook (1 head × 16 codes × 2 dims, with usage). */
    static final Path TEACHING = Path.of(System.getProperty("user.dir"))
            .resolve("../../resources/codebooks/teaching-1x16x2.npz").normalize();

    private ViewsFixture() {
    }

    /** The test's window (TestFX's primary stage). */
    static Stage stage() {
        return vqlens.ui.FxWait.primaryStage();
    }

    /** Puts {@code pane} alone in the test's window (light theme), {@code w × h}. */
    static void showAlone(FxRobot robot, Parent pane, double w, double h) {
        Stage stage = stage();
        robot.interact(() -> {
            StackPane root = new StackPane(pane);
            root.getStyleClass().add("main-window");
            Scene scene = new Scene(root, w, h);
            Theme.LIGHT.applyTo(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void teaching(InspectorViewModel vm) {
        CodebookDocument doc = CodebookFiles.loadDocument(TEACHING);
        long[] counts = doc.usage().orElseThrow();
        double[] usage = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            usage[i] = counts[i];
        }
        vm.show(doc.codebooks(), new CodeUsage(usage, 1, 16, "usage saved in the file"));
        vm.setData(teachingBlobs());
    }

    /** 2-D blobs as the teaching codebook was made from: 16 Gaussian blobs (σ 0.6) on the grid {−4.5, −1.5, 1.5, 4.5}², 64 each. */
    static DataSample teachingBlobs() {
        SplittableRandom random = new SplittableRandom(1);
        float[] v = new float[16 * 64 * 2];
        for (int b = 0; b < 16; b++) {
            for (int i = 0; i < 64; i++) {
                int r = b * 64 + i;
                v[2 * r] = (float) (-4.5 + 3 * (b % 4) + 0.6 * random.nextGaussian());
                v[2 * r + 1] = (float) (-4.5 + 3 * (b / 4) + 0.6 * random.nextGaussian());
            }
        }
        return new DataSample(v, 1024, 2, "1,024 rows of 2-D blobs (seed 1)");
    }

    /**
     * A wider quantizer for the PCA view: 2 heads × 32 codes × 16 dims. Codes 0–23 of each head sit at the
     * centres of a 24-cluster Gaussian mixture (as k-means would put them), codes 24–31 on random data rows;
     * 2,000 rows of that mixture as data, usage counted from them.
     */
    static void mixture(InspectorViewModel vm) {
        int heads = 2;
        int dim = 16;
        int codes = 32;
        SyntheticData.Dataset data = SyntheticData.gaussianMixture(2000, heads * dim, 24, 0.25, 5);
        QuantizerConfig config = new QuantizerConfig(heads, heads * dim, codes);
        float[] values = new float[config.codebookValues()];
        SplittableRandom random = new SplittableRandom(6);
        for (int h = 0; h < heads; h++) {
            for (int c = 0; c < codes; c++) {
                int at = (h * codes + c) * dim;
                if (c < 24) {
                    System.arraycopy(data.centres(), c * heads * dim + h * dim, values, at, dim);
                } else {
                    System.arraycopy(data.values(), random.nextInt(2000) * heads * dim + h * dim, values, at, dim);
                }
            }
        }
        Codebooks cb = Codebooks.of(config, values, true);
        vm.show(cb, counted(cb, data.values(), 2000));
        vm.setData(new DataSample(data.values(), 2000, heads * dim, "2,000 rows of a 24-cluster mixture (seed 5)"));
    }

    /**
     * 16×16 shape images with 4 heads × 64 codes × 64 dims (each head a band of 4 image rows): codes started
     * on random rows and refined by 10 Lloyd iterations per head, as a trained quantizer would have them.
     */
    static void shapes(InspectorViewModel vm) {
        int n = 600;
        SyntheticData.Dataset data = ShapesData.generate(n, 3);
        QuantizerConfig config = new QuantizerConfig(4, 256, 64);
        float[] values = new float[config.codebookValues()];
        SplittableRandom random = new SplittableRandom(4);
        for (int h = 0; h < 4; h++) {
            for (int c = 0; c < 64; c++) {
                System.arraycopy(data.values(), random.nextInt(n) * 256 + h * 64, values, (h * 64 + c) * 64, 64);
            }
        }
        for (int iteration = 0; iteration < 10; iteration++) {
            Codebooks cb = Codebooks.of(config, values, true);
            for (int h = 0; h < 4; h++) {
                int[] nearest = NearestCodes.ofHead(cb, h, data.values(), n);
                double[] sums = new double[64 * 64];
                int[] counts = new int[64];
                for (int r = 0; r < n; r++) {
                    counts[nearest[r]]++;
                    for (int j = 0; j < 64; j++) {
                        sums[nearest[r] * 64 + j] += data.values()[r * 256 + h * 64 + j];
                    }
                }
                for (int c = 0; c < 64; c++) {
                    if (counts[c] > 0) { // an empty cell keeps its code
                        for (int j = 0; j < 64; j++) {
                            values[(h * 64 + c) * 64 + j] = (float) (sums[c * 64 + j] / counts[c]);
                        }
                    }
                }
            }
        }
        Codebooks cb = Codebooks.of(config, values, true);
        vm.show(cb, counted(cb, data.values(), n));
        vm.setData(new DataSample(data.values(), n, 256, "600 16×16 shape images (seed 3)"));
    }

    static CodeUsage counted(Codebooks cb, float[] rows, int n) {
        int heads = cb.config().heads();
        int k = cb.config().codes();
        double[] counts = new double[heads * k];
        for (int h = 0; h < heads; h++) {
            for (int c : NearestCodes.ofHead(cb, h, rows, n)) {
                counts[h * k + c]++;
            }
        }
        return new CodeUsage(counts, heads, k, "counted on the data rows");
    }

    static WritableImage snapshot(FxRobot robot, javafx.scene.Node node) {
        return vqlens.ui.Screenshots.snapshot(robot, node);
    }

    /** Writes a PNG to {@code <build dir>/screenshots/name} only (pictures to look at, not for the README). */
    static Path keep(String name, WritableImage image) throws IOException {
        return vqlens.ui.Screenshots.keep(name, image);
    }

    /** Writes a PNG to {@code <build dir>/screenshots/name} and, with {@code -Dvqlens.screenshots.dir}, there too. */
    static Path publish(String name, WritableImage image) throws IOException {
        return vqlens.ui.Screenshots.publish(name, image);
    }
}
