package vqlens.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.geometry.Bounds;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.ui.chart.CodeUsageModel;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.DistanceHistogramModel;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.plot.CanvasChart;

/**
 * Every chart of a finished run, one by one: the hover box gives the values of the data under the mouse
 * (checked against the chart's model), and the chart exports as a PNG of what is drawn.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardChartsTest {
    /** Hover values are printed with 5 significant digits (curves) or 4 (usage): half a unit in the last digit, relative. */
    private static final double FIVE_DIGITS = 5e-5;
    private static final double FOUR_DIGITS = 5e-4;
    /** Shares are printed as percentages with two decimals. */
    private static final double PERCENT_DECIMALS = 0.005 + 1e-9;
    private static final Pattern NAMED_VALUE = Pattern.compile("^(.+?): (\\S+)(?:  \\(smoothed \\S+\\))?$");

    @RegisterExtension
    final Fixture fixture = Fixture.smallRun();

    @BeforeEach
    void trainARun(FxRobot robot) {
        robot.interact(() -> fixture.vm().start());
        Fixture.until("finished", () -> fixture.vm().getState() == RunState.FINISHED);
        fixture.settle();
    }

    private Map<String, CanvasChart> charts() {
        return fixture.window.dashboardController().charts();
    }

    @Test
    void theMouseOverAChartShowsAHoverBoxAndLeavingHidesIt(FxRobot robot) {
        CanvasChart error = charts().get("error");
        robot.moveTo(error);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> lines = error.hoverLines();
        assertNotNull(lines, "a hover box under the real mouse");
        assertTrue(lines.get(0).startsWith("step "), lines.toString());
        robot.moveTo("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(error.hoverLines(), "gone when the mouse left");
    }

    @Test
    void curvesShowTheExactValuesOfTheStepUnderTheMouse(FxRobot robot) {
        for (String name : List.of("error", "perplexity")) {
            CanvasChart chart = charts().get(name);
            LineChartModel model = name.equals("error") ? fixture.vm().errorChart() : fixture.vm().perplexityChart();
            for (double at : new double[] {0.25, 0.5, 0.9}) {
                List<String> lines = hover(robot, chart, at, 0.5);
                assertNotNull(lines, name + " at " + at);
                long step = Long.parseLong(lines.get(0).substring("step ".length()).replace(",", ""));
                int checked = 0;
                for (String line : lines.subList(1, lines.size())) {
                    Matcher m = NAMED_VALUE.matcher(line);
                    assertTrue(m.matches(), line);
                    CurveSeries s = model.series().stream().filter(c -> c.name().equals(m.group(1))).findFirst().orElseThrow();
                    int i = s.indexAtOrBefore(step);
                    assertEquals(step, s.step(i), "a recorded step, not an interpolation");
                    assertClose(s.value(i), parse(m.group(2)), FIVE_DIGITS, name + " " + line);
                    checked++;
                }
                assertEquals(model.shownSeries().size(), checked, name + ": every curve shown has its line: " + lines);
            }
        }
    }

    @Test
    void usageBarsShowTheirCodesUsageAndCount(FxRobot robot) {
        for (int h = 0; h < 2; h++) {
            CanvasChart chart = charts().get("usage-head" + h);
            CodeUsageModel model = fixture.vm().usageModels().get(h);
            for (double at : new double[] {0.35, 0.75}) {
                List<String> lines = hover(robot, chart, at, 0.8);
                assertNotNull(lines, "head " + h + " at " + at + " of " + chart.getWidth() + " x " + chart.getHeight()
                        + ", up to date " + chart.isUpToDate());
                Matcher code = Pattern.compile("^code (\\d+)  \\(rank (\\d+)\\)$").matcher(lines.get(0));
                assertTrue(code.matches(), lines.get(0));
                int k = Integer.parseInt(code.group(1));
                assertEquals(k, model.codeAt(Integer.parseInt(code.group(2)) - 1), "the rank is the bar's place");
                assertClose(model.usage(k), parse(between(lines.get(1), "usage EMA: ", " per step")), FOUR_DIGITS, lines.get(1));
                assertEquals(model.count(k), Long.parseLong(between(lines.get(2), "last window: ", " rows").replace(",", "")));
                assertEquals(model.dead(k), lines.get(3).startsWith("dead"), lines.get(3));
            }
        }
    }

    @Test
    void histogramsShowTheBinUnderTheMouse(FxRobot robot) {
        robot.clickOn("#bothToggle");
        WaitForAsyncUtils.waitForFxEvents();
        for (int h = 0; h < 2; h++) {
            CanvasChart chart = charts().get("distances-head" + h);
            // the mode change redraws on a later pulse; the hover needs the plot area of that drawing
            Fixture.until("head " + h + "'s histogram drawn in the new mode", chart::isUpToDate);
            DistanceHistogramModel.Pair current = fixture.vm().histogramModels().get(h).current();
            List<String> lines = hover(robot, chart, 0.3, 0.5);
            assertNotNull(lines, "head " + h);
            assertTrue(lines.get(0).endsWith("(step " + current.step() + ")"), lines.get(0));
            checkBin(lines.get(1), "nearest code", current.nearest());
            checkBin(lines.get(2), "all codes", current.allCodes());
        }
    }

    private static void checkBin(String line, String name, DistanceHistogramModel.Frame f) {
        if (line.startsWith(name + ": beyond its range")) { // past this histogram's last bin: its overflow
            assertTrue(line.contains("(" + String.format(java.util.Locale.ROOT, "%,d", f.overflow()) + " values above "), line);
            return;
        }
        Matcher m = Pattern.compile("^" + name + ": (\\S+)% \\(([\\d,]+) of ([\\d,]+)\\) in \\[(\\S+), (\\S+)\\)$").matcher(line);
        assertTrue(m.matches(), line);
        double from = parse(m.group(4));
        double to = parse(m.group(5));
        int bin = f.binOf((from + to) / 2);
        assertEquals(f.count(bin), Long.parseLong(m.group(2).replace(",", "")), line);
        assertEquals(f.total(), Long.parseLong(m.group(3).replace(",", "")), line);
        assertEquals(100 * f.share(bin), parse(m.group(1)), PERCENT_DECIMALS, line);
    }

    @Test
    void theChartControlsChangeScaleOrderModeAndSmoothing(FxRobot robot) {
        Map<String, CanvasChart> charts = charts();
        long draws = charts.get("usage-head0").drawCount();
        robot.clickOn("#usageLogCheck");
        robot.clickOn("#sortByIndexToggle");
        WaitForAsyncUtils.waitForFxEvents();
        for (CodeUsageModel m : fixture.vm().usageModels()) {
            assertEquals(vqlens.ui.chart.Scale.LOG, m.scale());
            assertEquals(CodeUsageModel.Order.BY_INDEX, m.order());
            assertEquals(0, m.codeAt(0), "code 0 first");
        }
        assertTrue(charts.get("usage-head0").drawCount() > draws, "redrawn");
        List<String> lines = hover(robot, charts.get("usage-head0"), 0.5, 0.8);
        assertTrue(lines.get(0).matches("code \\d+"), "by index: no rank: " + lines.get(0));

        assertEquals(vqlens.ui.chart.Scale.LOG, fixture.vm().errorChart().scale(), "curves start on a log scale");
        robot.clickOn("#curvesLogCheck");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(vqlens.ui.chart.Scale.LINEAR, fixture.vm().errorChart().scale());
        assertEquals(vqlens.ui.chart.Scale.LINEAR, fixture.vm().perplexityChart().scale());

        robot.interact(() -> robot.lookup("#smoothingSlider").queryAs(javafx.scene.control.Slider.class).setValue(0));
        assertEquals(0, fixture.vm().errorChart().smoothing());
        List<String> raw = hover(robot, charts.get("error"), 0.5, 0.5);
        assertTrue(raw.stream().noneMatch(l -> l.contains("smoothed")), "no smoothing, no smoothed values: " + raw);

        robot.clickOn("#allCodesToggle");
        WaitForAsyncUtils.waitForFxEvents();
        for (DistanceHistogramModel m : fixture.vm().histogramModels()) {
            assertEquals(DistanceHistogramModel.Mode.ALL_CODES, m.mode());
        }
    }

    @Test
    void everyChartExportsAsAPngOfWhatIsDrawn(FxRobot robot, @TempDir Path dir) throws IOException {
        Map<String, CanvasChart> charts = charts();
        assertEquals(3 + 2 * 2, charts.size(), "error, perplexity, restarts, and usage and distances per head");
        for (Map.Entry<String, CanvasChart> e : charts.entrySet()) {
            CanvasChart chart = e.getValue();
            Path file = dir.resolve("one-" + e.getKey() + ".png");
            robot.interact(() -> fixture.window.dashboardController().saveChart(chart, file));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
            assertNotNull(image, e.getKey() + " is a PNG");
            assertEquals(Math.floor(chart.getWidth()), image.getWidth(), e.getKey());
            assertEquals(Math.floor(chart.getHeight()), image.getHeight(), e.getKey());
            assertTrue(colours(image) > 3, e.getKey() + " has a drawing, not a blank");
        }
        Path all = dir.resolve("all");
        robot.interact(() -> fixture.window.dashboardController().exportCharts(all));
        Fixture.until("every chart written", () -> charts.keySet().stream().allMatch(n -> Files.exists(all.resolve(n + ".png"))));
        for (String name : charts.keySet()) {
            assertNotNull(ImageIO.read(all.resolve(name + ".png").toFile()), name);
        }
    }

    /** Hovers at a fraction of the chart's width and height and returns the box's lines. */
    private static List<String> hover(FxRobot robot, CanvasChart chart, double fx, double fy) {
        @SuppressWarnings("unchecked")
        List<String>[] out = new List[1];
        robot.interact(() -> {
            Bounds b = chart.getLayoutBounds();
            out[0] = chart.hoverAt(b.getWidth() * fx, b.getHeight() * fy);
        });
        return out[0];
    }

    private static String between(String s, String prefix, String suffix) {
        assertTrue(s.startsWith(prefix) && s.endsWith(suffix), s);
        return s.substring(prefix.length(), s.length() - suffix.length());
    }

    /** Reads a hover number: {@code 0.0123}, {@code 1.2e-05}, {@code 12.3k}, {@code 4.5M}. */
    private static double parse(String s) {
        if (s.endsWith("k")) {
            return Double.parseDouble(s.substring(0, s.length() - 1)) * 1e3;
        }
        if (s.endsWith("M")) {
            return Double.parseDouble(s.substring(0, s.length() - 1)) * 1e6;
        }
        return Double.parseDouble(s);
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(expected - actual) <= relative * Math.abs(expected) + 1e-300,
                what + ": expected " + expected + " but the hover says " + actual);
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
                if (seen.size() > 3) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }
}
