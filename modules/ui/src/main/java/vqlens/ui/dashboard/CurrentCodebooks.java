package vqlens.ui.dashboard;

import java.nio.file.Path;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Which codebooks the dashboard has to save or continue from: the opened one, if any, and whether the run
 * has made some; plus the file they last came from or went to. Shared by {@link RunControl} and
 * {@link FileActions} so neither reaches into the other. Created by {@link DashboardViewModel} with it as
 * the properties' bean; used on the FX thread only.
 */
final class CurrentCodebooks {
    final ReadOnlyBooleanWrapper hasCodebooks;
    final ReadOnlyObjectWrapper<Path> codebookFile;
    final ReadOnlyStringWrapper openedCodebook;
    private OpenedCodebook opened;

    CurrentCodebooks(Object bean) {
        hasCodebooks = new ReadOnlyBooleanWrapper(bean, "hasCodebooks", false);
        codebookFile = new ReadOnlyObjectWrapper<>(bean, "codebookFile");
        openedCodebook = new ReadOnlyStringWrapper(bean, "openedCodebook", "");
    }

    /** The opened codebook, or {@code null}. */
    OpenedCodebook opened() {
        return opened;
    }

    boolean hasCodebooks() {
        return hasCodebooks.get();
    }

    /** The run has trained codebooks. */
    void runHasCodebooks() {
        hasCodebooks.set(true);
    }

    /** The run is gone: only an opened codebook is left to save. */
    void runDiscarded() {
        hasCodebooks.set(opened != null);
    }

    /** Remembers an opened codebook; the next run continues from it. */
    void setOpened(OpenedCodebook o) {
        opened = o;
    }

    /** Shows the opened codebook: its summary, its file, and that there is something to save. */
    void announceOpened() {
        openedCodebook.set(opened.summary());
        codebookFile.set(opened.file());
        hasCodebooks.set(true);
    }

    void forget() {
        opened = null;
        openedCodebook.set("");
    }

    /** After {@link #forget}, once the set-up is unfixed: nothing left to save, no file. */
    void clearFile() {
        hasCodebooks.set(false);
        codebookFile.set(null);
    }

    void saved(Path file, long atStep) {
        codebookFile.set(file);
        savedStep = atStep;
    }

    /** Whether the run's codebooks at {@code step} have steps that no save holds. */
    boolean unsavedAt(long step) {
        return step > savedStep;
    }

    /** The step of the run saved last; -1 when none (a new run starts unsaved). */
    private long savedStep = -1;

    /** A new run: nothing of it is saved yet. */
    void runStarted() {
        savedStep = -1;
    }
}
