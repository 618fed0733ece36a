package vqlens.ui.dashboard;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import vqlens.core.Codebooks;
import vqlens.core.VqException;
import vqlens.core.io.AmbiguousCodebookException;
import vqlens.core.io.CodebookFileException;
import vqlens.core.io.CodebookFiles;
import vqlens.core.io.CodebookFormat;
import vqlens.train.Checkpoint;
import vqlens.train.StepMetrics;
import vqlens.train.Trainer;
import vqlens.train.data.DataSource;
import vqlens.ui.chart.NumberText;
import vqlens.ui.common.UserMessage;

/**
 * The dashboard's file commands: choose a data file, open, save and forget a codebook, export the metrics
 * as CSV. Reading and writing run on the background executor, results and messages come back to the FX
 * thread; {@link #busy} is true meanwhile. Created by {@link DashboardViewModel} with it as the properties'
 * bean; its methods are called on the FX thread.
 */
final class FileActions {

    private final DashboardServices services;
    private final SetupForm setup;
    private final RunControl run;
    private final CodebookOnHand onHand;
    private final StatusMessages status;
    final ReadOnlyBooleanWrapper busy;
    private int busyCount;

    FileActions(Object bean, DashboardServices services, SetupForm setup, RunControl run, CodebookOnHand onHand,
            StatusMessages status) {
        this.services = services;
        this.setup = setup;
        this.run = run;
        this.onHand = onHand;
        this.status = status;
        busy = new ReadOnlyBooleanWrapper(bean, "busy", false);
    }

    /** See {@link DashboardViewModel#chooseDataFile}. */
    void chooseDataFile(Path file) {
        Objects.requireNonNull(file, "file");
        setup.setDataFile(file, null);
        background(() -> {
            try (DataSource source = DataSource.openFile(file)) {
                return SetupForm.FileInfo.ok(source.rows(), source.dim(), source.describe());
            } catch (VqException e) {
                return SetupForm.FileInfo.failed(StatusMessages.oneLine(e.getMessage()));
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
            if (key == null && CodebookFormat.of(file) == CodebookFormat.NPZ) {
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
        onHand.setOpened(o);
        if (o.checkpoint() != null) {
            Checkpoint c = o.checkpoint();
            setup.fillFrom(c.settings());
            DataChoice.parseDescription(c.dataDescription()).ifPresent(setup::fillFrom);
        }
        setup.setFixed(new SetupForm.Fixed(o.codebooks().config(), o.file().getFileName().toString()));
        onHand.announceOpened();
        status.setNotice("Opened " + o.file().getFileName() + ": Start continues training from it");
    }

    /** See {@link DashboardViewModel#forgetOpenedCodebook}. */
    void forgetOpenedCodebook() {
        if (run.state.get() != RunState.NONE) {
            run.discard();
        }
        onHand.forget();
        setup.setFixed(null);
        onHand.clearFile();
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
        OpenedCodebook opened = onHand.opened();
        if (trainer != null && onHand.hasCodebooks()) {
            busy(+1);
            // a checkpoint of the live run: the trainer makes it between steps, off the FX thread
            trainer.checkpoint().whenCompleteAsync((c, failure) -> {
                try {
                    if (failure != null) {
                        throw failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                    }
                    write(file, format, c.codebooks(), c);
                    services.fxThread().execute(() -> {
                        busy(-1);
                        saved(file, c.state().step());
                    });
                } catch (Throwable t) {
                    services.fxThread().execute(() -> {
                        busy(-1);
                        status.error("Cannot save the codebook", StatusMessages.describe(t), file);
                    });
                }
            }, services.background());
        } else if (opened != null) {
            background(() -> {
                write(file, format, opened.codebooks(), opened.checkpoint());
                return opened.checkpoint() != null ? opened.checkpoint().state().step() : 0L;
            }, steps -> saved(file, steps), "Cannot save the codebook", file);
        } else {
            status.error("Nothing to save", "Train a codebook or open one first.", file);
        }
    }

    private static void write(Path file, CodebookFormat format, Codebooks books, Checkpoint checkpoint) {
        if (format == CodebookFormat.NPZ && checkpoint != null) {
            checkpoint.save(file);
        } else {
            CodebookFiles.save(file, books);
        }
    }

    private void saved(Path file, long atStep) {
        onHand.saved(file);
        status.setNotice("Saved " + file.getFileName() + (atStep > 0 ? " (step " + NumberText.grouped(atStep) + ")" : ""));
    }

    /** See {@link DashboardViewModel#exportMetrics}. */
    void exportMetrics(Path file) {
        Objects.requireNonNull(file, "file");
        Trainer t = run.trainer();
        OpenedCodebook o = onHand.opened();
        Supplier<List<StepMetrics>> rows = t != null ? t::history
                : o != null && o.checkpoint() != null ? () -> o.checkpoint().history() : List::of;
        background(() -> {
            List<StepMetrics> h = rows.get();
            MetricsCsv.write(file, h);
            return h.size();
        }, n -> status.setNotice("Exported " + n + " steps to " + file.getFileName()), "Cannot export the metrics", file);
    }

    /**
     * Runs {@code work} on the background executor and {@code done} with its result on the FX thread; a
     * failure becomes a message titled {@code failureTitle}, a file of several codebooks a question.
     */
    private <T> void background(Supplier<T> work, Consumer<T> done, String failureTitle, Path file) {
        busy(+1);
        services.background().execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (AmbiguousCodebookException e) {
                services.fxThread().execute(() -> {
                    busy(-1);
                    status.say(new UserMessage(UserMessage.Kind.CHOOSE_KEY, "Choose a codebook",
                            file.getFileName() + " holds " + e.candidates().size() + " codebooks; which one should be opened?",
                            file, e.candidates()));
                });
                return;
            } catch (RuntimeException | Error e) {
                if (!(e instanceof VqException)) {
                    log().log(Level.WARNING, failureTitle, e);
                }
                services.fxThread().execute(() -> {
                    busy(-1);
                    status.error(failureTitle, StatusMessages.describe(e), file);
                });
                return;
            }
            services.fxThread().execute(() -> {
                busy(-1);
                done.accept(result);
            });
        });
    }

    private void busy(int delta) {
        busyCount += delta;
        busy.set(busyCount > 0);
    }

    /** Looked up on first use, not at class load: the first lookup costs the window's first frame ~20 ms. */
    private static System.Logger log() {
        return System.getLogger(DashboardViewModel.class.getName());
    }
}
