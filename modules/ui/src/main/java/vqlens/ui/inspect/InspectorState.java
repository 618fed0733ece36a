package vqlens.ui.inspect;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import vqlens.core.Codebooks;
import vqlens.core.QuantizerConfig;
import vqlens.train.VqVaeView;
import vqlens.ui.chart.NumberText;
import vqlens.ui.common.BackgroundTasks;
import vqlens.ui.common.TaskFailure;
import vqlens.ui.common.UserMessage;
import vqlens.ui.common.FailureText;

/**
 * The inspector view model's observable state, shared by the collaborators that change it. Created once by
 * {@link InspectorViewModel} (the properties' bean), which hands out read-only views to the panes; changed only
 * on the FX thread. File work runs as {@link #tasks}; their failures become messages through {@link #failure}.
 */
final class InspectorState {

    final ReadOnlyObjectWrapper<Codebooks> codebooks;
    final ReadOnlyObjectWrapper<CodeUsage> usage;
    final ReadOnlyObjectWrapper<DataSample> data;
    final ReadOnlyObjectWrapper<VqVaeView> vqvaeView;
    final IntegerProperty selectedHead;
    final IntegerProperty selectedCode;
    final ReadOnlyBooleanWrapper dirty;
    final ReadOnlyBooleanWrapper canUndo;
    final ReadOnlyBooleanWrapper canRedo;
    final ReadOnlyObjectWrapper<Path> file;
    final ReadOnlyBooleanWrapper following;
    final ReadOnlyStringWrapper sourceText;
    final ReadOnlyStringWrapper statusText;
    final ReadOnlyStringWrapper undoText;
    final ReadOnlyStringWrapper redoText;
    final ReadOnlyObjectWrapper<UserMessage> message;
    final BackgroundTasks tasks;
    final BooleanBinding hasCodebooks;
    final ReadOnlyBooleanWrapper saveInPlace;
    final ReadOnlyObjectWrapper<HeadStats> headStats;
    /** The model file tensor the codebooks on show were read from, when an edit can be written back into it. */
    final ReadOnlyObjectWrapper<vqlens.core.io.CodebookSource> writeBackSource;

    /** Whether {@link #usage} holds counts that a native file may keep (not a run's EMA rates). */
    boolean usageIsCounts;
    /** Whether {@link #usage} was counted from the data rows; then it is counted again after edits. */
    boolean usageDerived;
    /** The member chosen in a file with several codebooks, shown in the source line; {@code null} otherwise. */
    String key;
    /** The step of the last snapshot shown while following, -1 when none. */
    long liveStep = -1;

    /** Creates the properties in the order the view model always did, so listeners see the same sequence. */
    InspectorState(Object bean, InspectorServices services) {
        codebooks = new ReadOnlyObjectWrapper<>(bean, "codebooks");
        usage = new ReadOnlyObjectWrapper<>(bean, "usage");
        data = new ReadOnlyObjectWrapper<>(bean, "data");
        vqvaeView = new ReadOnlyObjectWrapper<>(bean, "vqvaeView");
        selectedHead = new SimpleIntegerProperty(bean, "selectedHead", 0);
        selectedCode = new SimpleIntegerProperty(bean, "selectedCode", -1);
        dirty = new ReadOnlyBooleanWrapper(bean, "dirty");
        canUndo = new ReadOnlyBooleanWrapper(bean, "canUndo");
        canRedo = new ReadOnlyBooleanWrapper(bean, "canRedo");
        file = new ReadOnlyObjectWrapper<>(bean, "file");
        following = new ReadOnlyBooleanWrapper(bean, "following");
        sourceText = new ReadOnlyStringWrapper(bean, "sourceText", InspectorViewModel.NO_SOURCE);
        statusText = new ReadOnlyStringWrapper(bean, "statusText", "");
        undoText = new ReadOnlyStringWrapper(bean, "undoText", "");
        redoText = new ReadOnlyStringWrapper(bean, "redoText", "");
        message = new ReadOnlyObjectWrapper<>(bean, "message");
        tasks = new BackgroundTasks(bean, services.background(), services.fxThread());
        hasCodebooks = codebooks.isNotNull();
        saveInPlace = new ReadOnlyBooleanWrapper(bean, "saveInPlace");
        headStats = new ReadOnlyObjectWrapper<>(bean, "headStats");
        writeBackSource = new ReadOnlyObjectWrapper<>(bean, "writeBackSource");
    }

    Codebooks requireCodebooks() {
        Codebooks now = codebooks.get();
        if (now == null) {
            throw new IllegalStateException("no codebooks on show");
        }
        return now;
    }

    /** Moves the selection back inside new codebooks' shape. */
    void keepSelectionInside(QuantizerConfig q) {
        if (selectedHead.get() >= q.heads() || selectedHead.get() < 0) {
            selectedHead.set(0);
        }
        if (selectedCode.get() >= q.codes()) {
            selectedCode.set(-1);
        }
    }

    static boolean fits(CodeUsage u, Codebooks cb) {
        return u != null && u.heads() == cb.config().heads() && u.codes() == cb.config().codes();
    }

    void refreshSource() {
        Codebooks cb = codebooks.get();
        String shape = cb == null ? "" : InspectorViewModel.shape(cb.config());
        if (following.get()) {
            sourceText.set(cb == null ? "Following training: waiting for the first step"
                    : "Following training · step " + NumberText.grouped(Math.max(0, liveStep)) + " · " + shape);
        } else if (cb == null) {
            sourceText.set(InspectorViewModel.NO_SOURCE);
        } else {
            Path f = file.get();
            String name = f == null ? "Unsaved codebooks" : String.valueOf(f.getFileName());
            sourceText.set(name + (key != null ? " [" + key + "]" : "") + " · " + shape
                    + (cb.inited() ? "" : " · not initialised"));
        }
    }

    /** Shows an error dialog (through the message property). */
    void report(String title, String text, Path path) {
        message.set(new UserMessage(UserMessage.Kind.ERROR, title, text, path, List.of()));
    }

    /** What a task's failure shows: a file with several codebooks a question, anything else an error titled {@code problem}. */
    Consumer<TaskFailure> failure(String problem, Path path) {
        return failure -> {
            if (failure instanceof TaskFailure.SeveralCodebooks several) {
                message.set(new UserMessage(UserMessage.Kind.CHOOSE_KEY, "Choose a codebook",
                        path.getFileName() + " holds " + several.keys().size()
                                + " codebooks. Which one should the inspector show?", path, several.keys()));
            } else if (failure instanceof TaskFailure.Failed f) {
                report(problem, FailureText.of(f.cause()), path);
            }
        };
    }
}
