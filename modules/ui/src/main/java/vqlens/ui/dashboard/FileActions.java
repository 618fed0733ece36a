package vqlens.ui.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

import vqlens.core.Codebooks;
import vqlens.core.VqException;
import vqlens.core.io.AtomicFiles;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.CodebookFormat;
import vqlens.train.Checkpoint;
import vqlens.train.StepMetrics;
import vqlens.train.Trainer;
import vqlens.train.data.DataSource;
import vqlens.ui.chart.NumberText;
import vqlens.ui.common.BackgroundTasks;
import vqlens.ui.common.TaskFailure;
import vqlens.ui.common.UserMessage;
import vqlens.ui.common.FailureText;

/**
 * The dashboard's file commands: choose a data file, open, save and forget a codebook, export the metrics
 * as CSV, save chart pictures. Reading and writing run as {@link BackgroundTasks}: results and messages come
 * back to the FX thread, the dashboard is busy meanwhile. Created by {@link DashboardViewModel} with it as the
 * properties' bean; its methods are called on the FX thread.
 */
final class FileActions {

    private final SetupForm setup;
    private final RunControl run;
    private final CurrentCodebooks currentCodebooks;
    private final StatusMessages status;
    final BackgroundTasks tasks;

    FileActions(Object bean, DashboardServices services, SetupForm setup, RunControl run, CurrentCodebooks currentCodebooks,
            StatusMessages status) {
        this.setup = setup;
        this.run = run;
        this.currentCodebooks = currentCodebooks;
        this.status = status;
        tasks = new BackgroundTasks(bean, services.background(), services.fxThread());
    }

    /** See {@link DashboardViewModel#chooseDataFile}. */
    void chooseDataFile(Path file) {
        Objects.requireNonNull(file, "file");
        setup.setDataFile(file, null);
        background(() -> {
            try (DataSource source = DataSource.openFile(file)) {
                return SetupForm.FileInfo.ok(source.rows(), source.dim(), source.describe());
            } catch (VqException e) {
                return SetupForm.FileInfo.failed(FailureText.oneLine(e.getMessage()));
            }
        }, info -> {
            if (file.equals(setup.dataFileProperty().get())) { // not replaced by another choice meanwhile
                setup.setDataFile(file, info);
            }
        }, "Cannot read the data file", file);
    }

    /** See {@link DashboardViewModel#openCodebook}. */
    void openCodebook(Path file, String key) {
        Objects.requireNonNull(file, "file");
        background(() -> {
            Codebooks books = CodebookFiles.load(file, key);
            Checkpoint checkpoint = null;
            if (key == null && CodebookFormat.find(file).orElse(null) == CodebookFormat.NPZ) { // a checkpoint has none
                try {
                    checkpoint = Checkpoint.load(file);
                } catch (VqException notACheckpoint) {
                    // a plain codebook: continue from its codes
                }
            }
            return new OpenedCodebook(file, books, checkpoint);
        }, this::opened, "Cannot open the codebook", file);
    }

    private void opened(OpenedCodebook o) {
        run.discard();
        currentCodebooks.setOpened(o);
        if (o.checkpoint() != null) {
            Checkpoint c = o.checkpoint();
            setup.fillFrom(c.settings());
            DataChoice.parseDescription(c.dataDescription()).ifPresent(setup::fillFrom);
        }
        setup.setFixed(new SetupForm.Fixed(o.codebooks().config(), o.file().getFileName().toString(),
                o.checkpoint() != null ? o.checkpoint().settings().network() : null));
        currentCodebooks.announceOpened();
        status.setNotice("Opened " + o.file().getFileName() + ": Start continues training from it");
    }

    /** See {@link DashboardViewModel#forgetOpenedCodebook}. */
    void forgetOpenedCodebook() {
        if (run.state.get() != RunState.NONE) {
            run.discard();
        }
        currentCodebooks.forget();
        setup.setFixed(null);
        currentCodebooks.clearFile();
    }

    /** See {@link DashboardViewModel#save}. */
    void save(Path file) {
        Objects.requireNonNull(file, "file");
        CodebookFormat format;
        try {
            format = CodebookFormat.of(file);
        } catch (CodebookFileException e) {
            status.error("Cannot save the codebook", e.getMessage(), file);
            return;
        }
        Trainer trainer = run.trainer();
        OpenedCodebook opened = currentCodebooks.opened();
        if (trainer != null && currentCodebooks.hasCodebooks()) {
            // a checkpoint of the live run: the trainer makes it between steps, off the FX thread
            tasks.after(trainer.checkpoint(), c -> write(file, format, c.codebooks(), c),
                    what -> saved(file, what), failure -> failed(failure, "Cannot save the codebook", file));
        } else if (opened != null) {
            background(() -> write(file, format, opened.codebooks(), opened.checkpoint()),
                    what -> saved(file, what), "Cannot save the codebook", file);
        } else {
            status.error("Nothing to save", "Train a codebook or open one first.", file);
        }
    }

    /** What a save wrote: the step of its training (0 for none) and, for a VQ-VAE, whether the network went too. */
    private record Saved(long step, String note) {
    }

    private static Saved write(Path file, CodebookFormat format, Codebooks books, Checkpoint checkpoint) {
        long step = checkpoint != null ? checkpoint.state().step() : 0;
        boolean network = checkpoint != null && checkpoint.settings().vqvae();
        if (format == CodebookFormat.NPZ && checkpoint != null) {
            checkpoint.save(file);
            return new Saved(step, network ? ": the codebooks and the VQ-VAE's network (open it to continue)" : "");
        }
        CodebookFiles.save(file, books);
        return new Saved(step, network ? ": the codebooks only; save as .npz to keep the VQ-VAE's network" : "");
    }

    private void saved(Path file, Saved what) {
        currentCodebooks.saved(file, what.step());
        status.setNotice("Saved " + file.getFileName() + (what.step() > 0 ? " (step " + NumberText.grouped(what.step()) + ")" : "")
                + what.note());
    }

    /** See {@link DashboardViewModel#exportMetrics}. */
    void exportMetrics(Path file) {
        Objects.requireNonNull(file, "file");
        Trainer t = run.trainer();
        OpenedCodebook o = currentCodebooks.opened();
        Supplier<List<StepMetrics>> rows = t != null ? t::history
                : o != null && o.checkpoint() != null ? () -> o.checkpoint().history() : List::of;
        background(() -> {
            List<StepMetrics> h = rows.get();
            MetricsCsv.write(file, h);
            return h.size();
        }, n -> status.setNotice("Exported " + n + " steps to " + file.getFileName()), "Cannot export the metrics", file);
    }

    /** See {@link DashboardViewModel#saveChart}. */
    void saveChart(Path file, byte[] png) {
        Objects.requireNonNull(png, "png");
        background(() -> {
            AtomicFiles.write(file, png);
            return file;
        }, saved -> status.setNotice("Saved " + saved.getFileName()), "Cannot save the chart", file);
    }

    /** See {@link DashboardViewModel#saveCharts}. */
    void saveCharts(Path dir, Map<String, byte[]> pngs) {
        Map<String, byte[]> files = new LinkedHashMap<>(pngs);
        background(() -> {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                AtomicFiles.write(dir.resolve(e.getKey()), e.getValue());
            }
            return files.size();
        }, n -> status.setNotice("Saved " + n + " charts to " + dir.getFileName()), "Cannot save the charts", dir);
    }

    /**
     * Runs {@code work} as a background task and {@code done} with its result on the FX thread; a failure
     * becomes a message titled {@code failureTitle}, a file of several codebooks a question.
     */
    private <T> void background(Callable<T> work, Consumer<T> done, String failureTitle, Path file) {
        tasks.run(work, done, failure -> failed(failure, failureTitle, file));
    }

    private void failed(TaskFailure failure, String failureTitle, Path file) {
        if (failure instanceof TaskFailure.SeveralCodebooks several) {
            status.say(new UserMessage(UserMessage.Kind.CHOOSE_KEY, "Choose a codebook",
                    file.getFileName() + " holds " + several.keys().size() + " codebooks; which one should be opened?",
                    file, several.keys()));
        } else if (failure instanceof TaskFailure.Failed f) {
            status.error(failureTitle, FailureText.of(f.cause()), file);
        }
    }
}
