package vqlens.ui.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vqlens.ui.learn.model.LearningModel;
import vqlens.ui.learn.model.NearestCodeModel;

/**
 * What a lesson's interaction costs on the FX thread with 2,000 points and 64 codes (software renderer under
 * Monocle): from the moment the input is handled to the end of the next pulse's layout (where the plane redraws),
 * for a drag of a code (lesson 1), an assign and an update (lesson 2), and lesson 4's split drag, swatch click and
 * swatch edit on the 640 × 427 photo. Writes median, p95 and the worst as
 * {@code <build dir>/learn-benchmark.json}; asserts nothing (a benchmark, not a test). Run with
 * {@code -Dui.bench.exclude=none -Dtest=LearnBenchmark}.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("bench")
class LearnBenchmark {
    private static final int RUNS = 80;
    private static final int POINTS = 2_000;
    private static final int CODES = 64;
    private LearnView learn;
    private Scene scene;

    @Start
    void start(Stage stage) {
        learn = LearnFixture.open(stage, ZoomStore.inMemory(1));
        scene = stage.getScene();
    }

    @Test
    void measures(FxRobot robot) throws Exception {
        NearestCodeModel nearest = ((NearestCodeLesson) learn.lesson(0)).model();
        robot.interact(() -> {
            nearest.setDataset(nearest.dataset(), POINTS, nearest.seed());
            SplittableRandom r = new SplittableRandom(1);
            while (nearest.scene().codeCount() < CODES) {
                nearest.addCode(r.nextDouble(-5, 5), r.nextDouble(-5, 5));
            }
        });
        SplittableRandom random = new SplittableRandom(2);
        Map<String, double[]> results = new LinkedHashMap<>();
        results.put("drag a code (lesson 1)", measure(() -> nearest.moveCode(7, random.nextDouble(-5, 5),
                random.nextDouble(-5, 5))));
        robot.interact(() -> learn.select(1));
        LearningModel learning = ((LearningLesson) learn.lesson(1)).model();
        robot.interact(() -> {
            learning.setPointCount(POINTS);
            learning.setCodeCount(CODES);
        });
        results.put("assign (lesson 2)", measure(() -> {
            learning.assign();
        }));
        results.put("update (lesson 2)", measure(() -> {
            learning.update();
        }));
        robot.interact(() -> learn.select(3)); // trains K = 16 on china.jpg (the fixture's background is synchronous)
        ColourQuantizationLesson colours = (ColourQuantizationLesson) learn.lesson(3);
        results.put("drag the split (lesson 4, 640 x 427)", measure(() ->
                colours.picture().splitProperty().set(random.nextDouble())));
        results.put("click a swatch (lesson 4, K = 16)", measure(() ->
                colours.model().select(random.nextInt(colours.model().codes()))));
        results.put("edit a swatch's colour (lesson 4, K = 16)", measure(() ->
                colours.model().setColour(Math.max(0, colours.model().selected()), (float) random.nextDouble(),
                        (float) random.nextDouble(), (float) random.nextDouble())));
        StringBuilder json = new StringBuilder("{\"points\": " + POINTS + ", \"codes\": " + CODES + ", \"runs\": " + RUNS);
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            double[] t = e.getValue();
            Arrays.sort(t);
            String line = String.format(Locale.ROOT, ", \"%s\": {\"median_ms\": %.2f, \"p95_ms\": %.2f, \"worst_ms\": %.2f}",
                    e.getKey(), t[t.length / 2], t[(int) Math.ceil(0.95 * t.length) - 1], t[t.length - 1]);
            json.append(line);
            System.out.printf(Locale.ROOT, "%s: median %.2f ms, p95 %.2f ms, worst %.2f ms%n", e.getKey(), t[t.length / 2],
                    t[(int) Math.ceil(0.95 * t.length) - 1], t[t.length - 1]);
        }
        json.append("}\n");
        Path out = Path.of(System.getProperty("vqlens.build.dir", "target"), "learn-benchmark.json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
    }

    /** Milliseconds from the action to the end of the next pulse's layout, RUNS times after 10 warm-up runs. */
    private double[] measure(Runnable action) throws Exception {
        for (int i = 0; i < 10; i++) {
            once(action);
        }
        double[] t = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            t[i] = once(action) / 1e6;
        }
        return t;
    }

    private long once(Runnable action) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                scene.removePostLayoutPulseListener(listener[0]);
                done.complete(System.nanoTime() - start);
            };
            action.run();
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}
