package vqlens.ui.inspect;

import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import vqlens.core.Codebooks;
import vqlens.core.DeadCodeRule;
import vqlens.core.VqException;
import vqlens.core.edit.CodebookEdit;
import vqlens.core.edit.CodebookEdits;
import vqlens.ui.common.FailureText;

/**
 * The editing commands of the inspector: each builds its edit with {@link CodebookEdits} from the codebooks
 * on show, the selected head and code, the "other" code, the usage and the data rows, and applies it through
 * {@link InspectorViewModel#apply} (so undo, redo and a followed run all see it). A command that does not fit
 * (no code selected, an empty cell, no dead code) changes nothing and says why in a dialog. FX thread only.
 */
public final class InspectorEditor {

    /** Seed of the first random choice; each edit uses the next, so a session's edits are reproducible. */
    static final long FIRST_SEED = 1;

    private final InspectorViewModel vm;
    private final IntegerProperty otherCode = new SimpleIntegerProperty(this, "otherCode", 0);
    private final DoubleProperty deadThreshold = new SimpleDoubleProperty(this, "deadThreshold", 0);
    /** The threshold last chosen from the usage; a value the user set instead is kept. */
    private double defaultThreshold;
    private final BooleanBinding hasCode;
    private final BooleanBinding hasOther;
    private long seed = FIRST_SEED;

    public InspectorEditor(InspectorViewModel vm) {
        this.vm = vm;
        hasCode = Bindings.createBooleanBinding(() -> {
            Codebooks cb = vm.getCodebooks();
            int c = vm.selectedCodeProperty().get();
            return cb != null && c >= 0 && c < cb.config().codes();
        }, vm.codebooksProperty(), vm.selectedCodeProperty());
        hasOther = Bindings.createBooleanBinding(() -> {
            Codebooks cb = vm.getCodebooks();
            int o = otherCode.get();
            return hasCode.get() && o >= 0 && o < cb.config().codes() && o != vm.selectedCodeProperty().get();
        }, hasCode, otherCode, vm.codebooksProperty(), vm.selectedCodeProperty());
        // a followed run's own threshold, else the trainer's rule: below 1/16 of the fair share (the mean usage
        // per code); until the user sets another
        vm.usageProperty().addListener((obs, old, now) -> {
            if (now != null) {
                double threshold = now.deadBelow() > 0 ? now.deadBelow() : DeadCodeRule.defaultThreshold(now.counts());
                if (deadThreshold.get() == defaultThreshold) {
                    deadThreshold.set(threshold);
                }
                defaultThreshold = threshold;
            }
        });
    }

    /** The second code of two-code edits (duplicate into, split into, merge with, swap with, move to). */
    public IntegerProperty otherCodeProperty() {
        return otherCode;
    }

    /**
     * Codes whose usage is below this count as dead for {@link #replaceDead()}; by default
     * {@link DeadCodeRule#defaultThreshold(double[]) 1/16 of the fair share} of the usage on show.
     */
    public DoubleProperty deadThresholdProperty() {
        return deadThreshold;
    }

    /** Whether a code of the head is selected. */
    public BooleanBinding hasCodeProperty() {
        return hasCode;
    }

    /** Whether a code is selected and the other code is a different code of the head. */
    public BooleanBinding hasOtherProperty() {
        return hasOther;
    }

    // ------------------------------------------------------------------ the commands

    /** Sets one value of the selected code. */
    public boolean setValue(int dim, float value) {
        return edit(() -> CodebookEdits.setValue(cb(), head(), code(), dim, value));
    }

    /** Re-initialises the selected code from a random data row. */
    public boolean reinitFromDataRow() {
        return edit(() -> {
            DataSample d = requireData("re-initialise from a data row");
            return CodebookEdits.reinitFromDataRow(cb(), head(), code(), d.values(), d.rows(), nextSeed());
        });
    }

    /** Moves the selected code to the mean of the data rows nearest to it. */
    public boolean reinitToCellMean() {
        return edit(() -> {
            DataSample d = requireData("move a code to the mean of its cell");
            return CodebookEdits.reinitToCellMean(cb(), head(), code(), d.values(), d.rows());
        });
    }

    /** Re-initialises the selected code at random, with the spread of the head's codes. */
    public boolean reinitRandom() {
        return edit(() -> CodebookEdits.reinitRandom(cb(), head(), code(), nextSeed()));
    }

    /** Copies the selected code over the other code. */
    public boolean duplicate() {
        return edit(() -> CodebookEdits.duplicate(cb(), head(), code(), other()));
    }

    /** Splits the selected (busy) code in two, the other code taking the second half. */
    public boolean split() {
        return edit(() -> {
            DataSample d = vm.fittingData();
            return CodebookEdits.split(cb(), head(), code(), other(), d == null ? null : d.values(),
                    d == null ? 0 : d.rows(), nextSeed());
        });
    }

    /** Merges the other code into the selected one, freeing the other. */
    public boolean merge() {
        return edit(() -> {
            DataSample d = vm.fittingData();
            return CodebookEdits.merge(cb(), head(), code(), other(), Usages.head(vm.getUsage(), head()),
                    d == null ? null : d.values(), d == null ? 0 : d.rows(), nextSeed());
        });
    }

    /**
     * Re-seeds every code of every head whose usage is below the threshold, from random data rows; while
     * following a run, also every code the run flagged dead before its restarts ({@link CodeUsage#countsForDeadCheck}).
     */
    public boolean replaceDead() {
        return edit(() -> {
            CodeUsage u = vm.getUsage();
            if (u == null) {
                throw new VqException("replacing dead codes needs usage: open a file that has it, or follow a run");
            }
            DataSample d = vm.fittingData();
            return CodebookEdits.replaceDead(cb(), u.countsForDeadCheck(), deadThreshold.get(), d == null ? null : d.values(),
                    d == null ? 0 : d.rows(), nextSeed());
        });
    }

    /** Reorders the head's codes by usage, most used first. */
    public boolean sortByUsage() {
        return edit(() -> {
            double[] u = Usages.head(vm.getUsage(), head());
            if (u == null) {
                throw new VqException("sorting by usage needs usage: open a file that has it, or follow a run");
            }
            return CodebookEdits.sortByUsage(cb(), head(), u);
        });
    }

    /** Swaps the selected code with the other code. */
    public boolean swap() {
        return edit(() -> CodebookEdits.swap(cb(), head(), code(), other()));
    }

    /** Moves the selected code to the other code's position. */
    public boolean move() {
        return edit(() -> CodebookEdits.move(cb(), head(), code(), other()));
    }

    /** Scales the head's codes (or every head's) to unit length. */
    public boolean normalise(boolean allHeads) {
        return edit(() -> CodebookEdits.normalise(cb(), allHeads ? -1 : head()));
    }

    // ------------------------------------------------------------------ helpers

    private boolean edit(Supplier<CodebookEdit> make) {
        if (vm.getCodebooks() == null) {
            return false;
        }
        try {
            vm.apply(make.get());
            return true;
        } catch (VqException e) {
            vm.report("Cannot make this edit", FailureText.of(e), null);
            return false;
        }
    }

    private Codebooks cb() {
        return vm.getCodebooks();
    }

    private int head() {
        return vm.selectedHeadProperty().get();
    }

    private int code() {
        int c = vm.selectedCodeProperty().get();
        if (c < 0) {
            throw new VqException("select a code first (click a row of the table)");
        }
        return c;
    }

    private int other() {
        int o = otherCode.get();
        if (o == vm.selectedCodeProperty().get()) {
            throw new VqException("the other code is the selected code " + o + "; choose another one");
        }
        return o;
    }

    private DataSample requireData(String what) {
        DataSample d = vm.fittingData();
        if (d == null) {
            throw new VqException("to " + what + " the inspector needs data rows: Load data rows… (or follow a run)");
        }
        return d;
    }

    private long nextSeed() {
        return seed++;
    }
}
