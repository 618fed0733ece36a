package vqlens.ui.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import vqlens.core.QuantizerConfig;
import vqlens.train.UpdateRule;
import vqlens.train.Subscription;
import vqlens.train.Trainer;
import vqlens.train.TrainerState;
import vqlens.train.TrainingSettings;
import vqlens.train.TrainingSnapshot;
import vqlens.train.data.BuiltInDataset;
import vqlens.train.data.DataSource;
import vqlens.ui.chart.CurveSeries;
import vqlens.ui.chart.LineChartModel;
import vqlens.ui.chart.Scale;
import vqlens.ui.plot.LineChartView;
import vqlens.ui.shell.MainWindow;
import vqlens.ui.shell.TestWindow;

/**
 * The dashboard's speed figures (a benchmark, not a test: it prints, it does not assert). Left out of the
 * normal test run; run it with
 * {@code mvn -pl modules/ui -am test -Dtest=DashboardBenchmark -Dui.bench.exclude=none -Dsurefire.failIfNoSpecifiedTests=false}
 * and read {@code modules/ui/target/surefire-reports/vqlens.ui.dashboard.DashboardBenchmark-output.txt}.
 * Headless (Monocle, software rendering), so the figures are an upper bound for a real window's FX thread.
 *
 * <ol>
 * <li>a 10,000-point error curve (3 curves, smoothing on, log scale) redrawn on its Canvas: the FX-thread
 * time of a redraw, and a redraw plus rasterising it (a snapshot); per chart type, the same; for the whole
 * dashboard, the CPU time of the FX thread and of the renderer per update;</li>
 * <li>the longest FX-thread pause while training with the charts at 15 Hz: a watchdog posts a task every
 * 2 ms and records how late it runs; and the longest gap between animation pulses;</li>
 * <li>training throughput with the dashboard open vs headless at the same settings, as {@code vqlens train}
 * runs it (synchronous loop, a snapshot every steps/200, a listener on its own thread).</li>
 * </ol>
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class DashboardBenchmark {

    /**
     * The whole dashboard, paused at step 400 (4 heads x 256 codes): every chart redrawn 60 times, each time
     * followed by a rendered frame; the CPU time of the FX thread and of the renderer per update. Independent
     * of training, so far less noisy than the throughput comparison.
     */
    @Test
    void renderCostPerUpdate(FxRobot robot) throws Exception {
        Fixture fixture = new Fixture();
        robot.interact(() -> {
            fixture.open(stage(), 15);
            fixture.vm().setup().field("snapshotEvery").setText("10");
        });
        fixture.trainers.pauseAt.set(400);
        robot.interact(() -> fixture.vm().start());
        Fixture.until("paused", () -> fixture.vm().getState() == RunState.PAUSED);
        fixture.settle();
        robot.interact(() -> fixture.vm().setHistogramMode(vqlens.ui.chart.DistanceHistogramModel.Mode.NEAREST));
        java.util.Map<String, vqlens.ui.plot.CanvasChart> all = fixture.window.dashboardController().charts();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Thread renderer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                .findFirst().orElseThrow();
        for (String subset : new String[] {"all", "all", "error", "perplexity", "usage", "distances"}) {
            List<vqlens.ui.plot.CanvasChart> charts = new ArrayList<>();
            all.forEach((name, chart) -> {
                if (subset.equals("all") || name.startsWith(subset)) {
                    charts.add(chart);
                }
            });
            long[] fx = new long[1];
            long r0 = mx.getThreadCpuTime(renderer.getId());
            for (int i = 0; i < 60; i++) {
                robot.interact(() -> {
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (vqlens.ui.plot.CanvasChart c : charts) {
                        c.redraw();
                    }
                    fx[0] += mx.getCurrentThreadCpuTime() - t0;
                });
                WaitForAsyncUtils.waitForFxEvents(2); // a pulse renders it
            }
            long r1 = mx.getThreadCpuTime(renderer.getId());
            System.out.printf(Locale.ROOT, "redrawing %s (%d charts): per update FX thread %.2f ms CPU, renderer %.2f ms CPU%n",
                    subset, charts.size(), fx[0] / 60 / 1e6, (r1 - r0) / 60 / 1e6);
        }
        robot.interact(() -> fixture.vm().dispose());
        fixture.close();
    }

    @Test
    void renderCostPerChart(FxRobot robot) {
        LineChartModel model = new LineChartModel("Quantisation error", "per element");
        CurveSeries mse = model.addSeries("quantisation MSE");
        CurveSeries loss = model.addSeries("total loss");
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int step = 1; step <= 10_000; step++) {
            double v = 0.01 * Math.exp(-step / 3000.0) + 0.004 + 0.0008 * random.nextDouble();
            mse.append(step, v);
            loss.append(step, 1.25 * v);
        }
        model.setScale(Scale.LOG);
        model.setSmoothing(0.6);
        vqlens.ui.chart.CodeUsageModel usage = new vqlens.ui.chart.CodeUsageModel(0);
        double[] u = new double[256];
        long[] c = new long[256];
        boolean[] dead = new boolean[256];
        for (int k = 0; k < 256; k++) {
            u[k] = 8 * random.nextDouble();
            c[k] = (long) (u[k] * 16);
            dead[k] = u[k] < 2;
        }
        usage.update(100, u, c, dead, new int[u.length], 0, 2, 200, 0.9);
        vqlens.ui.chart.DistanceHistogramModel hist = new vqlens.ui.chart.DistanceHistogramModel(0);
        hist.setMode(vqlens.ui.chart.DistanceHistogramModel.Mode.BOTH);
        for (long step = 1; step <= 400; step += 10) {
            long[] n = new long[64];
            long[] a = new long[64];
            for (int b = 0; b < 64; b++) {
                n[b] = (long) (1000 * Math.exp(-Math.pow((b - 10 + step / 100.0) / 5.0, 2)));
                a[b] = (long) (5000 * Math.exp(-Math.pow((b - 35) / 10.0, 2)));
            }
            hist.update(new vqlens.ui.chart.DistanceHistogramModel.Pair(
                    vqlens.ui.chart.DistanceHistogramModel.Frame.of(step, 1, n, 0),
                    vqlens.ui.chart.DistanceHistogramModel.Frame.of(step, 8, a, 0)));
        }
        LineChartModel raw = new LineChartModel("Quantisation error", "per element");
        CurveSeries rawMse = raw.addSeries("quantisation MSE");
        for (int step = 1; step <= 10_000; step++) {
            rawMse.append(step, mse.value(step - 1));
        }
        raw.setScale(Scale.LOG);
        List<vqlens.ui.plot.CanvasChart> charts = List.of(new LineChartView(model), new LineChartView(raw),
                new LineChartView(new LineChartModel("empty", "")),
                new vqlens.ui.plot.UsageChartView(usage), new vqlens.ui.plot.HistogramChartView(hist));
        for (vqlens.ui.plot.CanvasChart chart : charts) {
            robot.interact(() -> {
                stage().setScene(new Scene(new StackPane(chart), chart instanceof LineChartView ? 470 : 230, chart instanceof LineChartView ? 170 : 190));
                stage().show();
            });
            WaitForAsyncUtils.waitForFxEvents();
            double[] base = new double[60];
            double[] full = new double[60];
            robot.interact(() -> {
                for (int i = 0; i < 30; i++) {
                    chart.redraw();
                    chart.image();
                }
                for (int i = 0; i < base.length; i++) {
                    long t0 = System.nanoTime();
                    chart.image();
                    base[i] = (System.nanoTime() - t0) / 1e6;
                }
                for (int i = 0; i < full.length; i++) {
                    long t0 = System.nanoTime();
                    chart.redraw();
                    chart.image();
                    full[i] = (System.nanoTime() - t0) / 1e6;
                }
            });
            report(chart.getClass().getSimpleName() + " snapshot only", base);
            report(chart.getClass().getSimpleName() + " redraw + snapshot", full);
        }
    }

    @Test
    void curveRedraw(FxRobot robot) {
        LineChartModel model = new LineChartModel("Quantisation error", "per element");
        CurveSeries mse = model.addSeries("quantisation MSE");
        CurveSeries loss = model.addSeries("total loss");
        CurveSeries rec = model.addSeries("reconstruction MSE");
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int step = 1; step <= 10_000; step++) {
            double v = 0.01 * Math.exp(-step / 3000.0) + 0.004 + 0.0008 * random.nextDouble();
            mse.append(step, v);
            loss.append(step, 1.25 * v);
            rec.append(step, Double.NaN);
        }
        model.setScale(Scale.LOG);
        model.setSmoothing(0.6);
        LineChartView view = new LineChartView(model);
        robot.interact(() -> {
            stage().setScene(new Scene(new StackPane(view), 640, 300));
            stage().show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        double[] draw = new double[300];
        double[] drawAndRender = new double[100];
        robot.interact(() -> {
            for (int i = 0; i < 100; i++) { // warm-up
                view.redraw();
            }
            for (int i = 0; i < draw.length; i++) {
                long t0 = System.nanoTime();
                view.redraw();
                draw[i] = (System.nanoTime() - t0) / 1e6;
            }
            for (int i = 0; i < drawAndRender.length; i++) {
                long t0 = System.nanoTime();
                view.redraw();
                view.image();
                drawAndRender[i] = (System.nanoTime() - t0) / 1e6;
            }
        });
        report("10,000-point curve redraw (FX thread), ms", draw);
        report("10,000-point curve redraw + rasterise (snapshot), ms", drawAndRender);
    }

    static double refresh = DashboardServices.DEFAULT_REFRESH_HZ;

    @Test
    void fxPausesAndThroughput(FxRobot robot) throws Exception {
        for (int dim : new int[] {384, 32}) {
            int steps = dim == 384 ? 1500 : 5000;
            System.out.printf(Locale.ROOT, "%n== 4 heads x 256 codes, dim %d, batch 1024, EMA, %d steps ==%n", dim, steps);
            dashboard(robot, dim, steps, true); // warms up the UI code, and measures the FX thread's pauses
            double[] headless = new double[ROUNDS];
            double[] dashboard = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) { // alternating, so a noisy machine disturbs both alike
                headless[r] = headless(dim, steps);
                dashboard[r] = dashboard(robot, dim, steps, false);
            }
            double h = median(headless);
            double d = median(dashboard);
            System.out.printf(Locale.ROOT, "throughput headless %s steps/s, dashboard %s steps/s; medians %.1f vs %.1f = %.0f%%%n",
                    Arrays.toString(round(headless)), Arrays.toString(round(dashboard)), h, d, 100 * d / h);
        }
    }

    private static DataSource data(int dim) {
        return DataSource.of(BuiltInDataset.MIXTURE.generate(20000, dim, 16, 0.1, 1),
                BuiltInDataset.MIXTURE.describe(20000, dim, 16, 0.1, 1));
    }

    /** Steps per second after the first step, as `vqlens train` runs it. */
    private static double headless(int dim, int steps) throws Exception {
        TrainingSettings s = TrainingSettings.of(new QuantizerConfig(4, dim, 256), UpdateRule.EMA, 1024, 1, steps)
                .withSnapshotEvery(Math.max(1, steps / 200));
        Trainer t = new Trainer(s, data(dim), Runnable::run);
        java.util.Map<String, Long> threads0 = cpuByThread();
        long wall0 = System.nanoTime();
        ExecutorService reporter = Executors.newSingleThreadExecutor();
        Rate rate = new Rate();
        t.addListener(rate::see, Runnable::run);
        Subscription sub = t.addListener(x -> { }, reporter);
        t.start();
        printCpu(threads0, cpuByThread(), (System.nanoTime() - wall0) / 1e9);
        sub.close();
        reporter.shutdown();
        t.close();
        return rate.perSecond();
    }

    /** Records when training passes step 1 and when it finishes, on the training thread. */
    static final class Rate {
        volatile long t0;
        volatile long s0;
        volatile long t1;
        volatile long s1;

        void see(TrainingSnapshot s) {
            if (t0 == 0 && s.step() >= 1) {
                t0 = System.nanoTime();
                s0 = s.step();
            }
            if (s.state() == TrainerState.FINISHED) {
                t1 = System.nanoTime();
                s1 = s.step();
            }
        }

        double perSecond() {
            return (s1 - s0) / ((t1 - t0) / 1e9);
        }
    }

    /** Runs the dashboard; with {@code probes}, measures the FX thread's pauses (the probes cost a little themselves). */
    private double dashboard(FxRobot robot, int dim, int steps, boolean probes) throws Exception {
        Rate rate = new Rate();
        ExecutorService training = Executors.newSingleThreadExecutor();
        List<Trainer> made = new ArrayList<>();
        TrainerFactory factory = new TrainerFactory() {
            @Override
            public Trainer create(TrainingSettings settings, DataSource data, java.util.concurrent.Executor executor) {
                Trainer t = TrainerFactory.DEFAULT.create(settings, data, executor);
                t.addListener(rate::see, Runnable::run);
                made.add(t);
                return t;
            }

            @Override
            public Trainer resume(vqlens.train.Checkpoint c, long max, DataSource data, java.util.concurrent.Executor executor) {
                throw new UnsupportedOperationException();
            }
        };
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            window[0] = TestWindow.open(stage(), training, factory, refresh, Runnable::run);
            SetupForm f = window[0].dashboard().setup();
            f.field("dim").setText(Integer.toString(dim));
            f.field("maxSteps").setText(Integer.toString(steps));
        });
        WaitForAsyncUtils.waitForFxEvents();

        // the watchdog: a task posted to the FX thread every 2 ms; how late each one runs
        AtomicLong maxLate = new AtomicLong();
        List<Long> lates = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] pulse = new long[2]; // last pulse, longest gap
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (pulse[0] != 0) {
                    pulse[1] = Math.max(pulse[1], t - pulse[0]);
                }
                pulse[0] = t;
            }
        };
        volatileRunning = true;
        Thread watchdog = new Thread(() -> {
            while (volatileRunning) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    long late = System.nanoTime() - posted;
                    lates.add(late);
                    maxLate.accumulateAndGet(late, Math::max);
                });
                try {
                    TimeUnit.MILLISECONDS.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-watchdog");
        long cpu0 = cpuNanos();
        java.util.Map<String, Long> threads0 = cpuByThread();
        long wall0 = System.nanoTime();
        robot.interact(() -> {
            if (probes) {
                timer.start();
            }
            window[0].dashboard().start();
        });
        if (probes) {
            watchdog.start();
        }
        while (made.isEmpty() || made.get(0).state() != TrainerState.FINISHED) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        made.get(0).awaitIdle(Duration.ofSeconds(60));
        volatileRunning = false;
        long wall = System.nanoTime() - wall0;
        long cpu = cpuNanos() - cpu0;
        printCpu(threads0, cpuByThread(), wall / 1e9);
        if (probes) {
            watchdog.join();
        }
        robot.interact(timer::stop);
        WaitForAsyncUtils.waitForFxEvents();
        DashboardViewModel d = window[0].dashboard();
        long redraw = window[0].dashboardController().redrawNanos();
        System.out.printf(Locale.ROOT, "%s: FX thread per chart update: %.2f ms in all, %.2f ms of it redrawing; "
                        + "JavaFX threads' CPU %.0f ms per second of training%n", probes ? "with probes" : "plain",
                d.updateNanos() / 1e6 / Math.max(1, d.updates()), redraw / 1e6 / Math.max(1, d.updates()), cpu / 1e6 / (wall / 1e9));
        if (!probes) {
            robot.interact(() -> window[0].dashboard().dispose());
            training.shutdownNow();
            return rate.perSecond();
        }
        long[] sorted;
        synchronized (lates) {
            sorted = lates.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf(Locale.ROOT, "dashboard: snapshot every %d steps, %d chart updates shown, rate now %.1f/s%n",
                window[0].dashboard().snapshotEveryProperty().get(), window[0].dashboard().relay().deliveries(),
                window[0].dashboard().chartRateProperty().get());
        System.out.printf(Locale.ROOT, "FX thread: %d watchdog tasks; late by p50 %.2f ms, p99 %.2f ms, max %.2f ms; longest pulse gap %.1f ms%n",
                sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, maxLate.get() / 1e6,
                pulse[1] / 1e6);
        robot.interact(() -> window[0].dashboard().dispose());
        training.shutdownNow();
        return rate.perSecond();
    }

    private static volatile boolean volatileRunning;
    static final int ROUNDS = 3;

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static long[] round(double[] v) {
        return Arrays.stream(v).mapToLong(Math::round).toArray();
    }

    /** CPU time per thread so far, by name. */
    static java.util.Map<String, Long> cpuByThread() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            out.merge(t.getName(), Math.max(0, mx.getThreadCpuTime(t.getId())), Long::sum);
        }
        return out;
    }

    static void printCpu(java.util.Map<String, Long> before, java.util.Map<String, Long> after, double seconds) {
        StringBuilder sb = new StringBuilder("CPU ms per second by thread:");
        after.forEach((name, cpu) -> {
            double ms = (cpu - before.getOrDefault(name, 0L)) / 1e6 / seconds;
            if (ms >= 5) {
                sb.append(String.format(Locale.ROOT, " [%s %.0f]", name, ms));
            }
        });
        System.out.println(sb);
    }

    /** CPU time of the JavaFX threads (application, renderer, pulse timer) so far. */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (n.startsWith("JavaFX") || n.startsWith("QuantumRenderer") || n.contains("Monocle") || n.startsWith("Prism")) {
                long c = mx.getThreadCpuTime(t.getId());
                sum += Math.max(0, c);
            }
        }
        return sum;
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: median %.2f, p95 %.2f, max %.2f (n=%d)%n", what, s[s.length / 2],
                s[(int) (s.length * 0.95)], s[s.length - 1], s.length);
    }

    private static Stage stage() {
        return vqlens.ui.FxWait.primaryStage();
    }
}
