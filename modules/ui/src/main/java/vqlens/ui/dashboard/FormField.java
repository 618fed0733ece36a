package vqlens.ui.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import vqlens.core.VqException;
import vqlens.train.VqVaeShape;

/**
 * One number of the set-up panel: the text as typed, whether it applies (a learning rate does not for
 * EMA), whether it is locked (fixed by a loaded codebook, or by a run in progress), and the problem with
 * it ({@code ""} when none). The view shows the problem at the field; nothing is ever thrown at the user.
 */
public final class FormField {

    /** What the text must hold. */
    public enum Kind { INTEGER, DECIMAL, SIZES }

    private final String id;
    private final String label;
    private final Kind kind;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final BooleanProperty applicable = new SimpleBooleanProperty(this, "applicable", true);
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final boolean live;
    private final String hint;

    FormField(String id, String label, Kind kind, String initial, boolean live, String hint) {
        this.id = Objects.requireNonNull(id, "id");
        this.label = Objects.requireNonNull(label, "label");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.live = live;
        this.hint = Objects.requireNonNull(hint, "hint");
        text.set(initial);
        valid.bind(error.isEmpty());
    }

    /** A stable name, used as the node id of the field ({@code <id>Field}). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** What the value means, for a tooltip. */
    public String hint() {
        return hint;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the value may change while a run goes on (learning rate, decay, β, threshold, steps). */
    public boolean isLive() {
        return live;
    }

    public StringProperty textProperty() {
        return text;
    }

    public String getText() {
        return text.get();
    }

    public void setText(String value) {
        text.set(value);
    }

    public BooleanProperty applicableProperty() {
        return applicable;
    }

    public boolean isApplicable() {
        return applicable.get();
    }

    public BooleanProperty lockedProperty() {
        return locked;
    }

    /** The problem with the value, {@code ""} when none (or when it does not apply). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    void setError(String message) {
        error.set(message == null ? "" : message);
    }

    /** The text without blanks and digit-group underscores. */
    private String cleaned() {
        return text.get() == null ? "" : text.get().strip().replace("_", "");
    }

    /** The value as a long, or {@code null} after recording the problem. */
    Long parseLong(long min, long max) {
        Long v = parsed("whole number", Long::parseLong);
        if (v == null) {
            return null;
        }
        if (v < min) {
            setError("must be at least " + min);
            return null;
        }
        if (v > max) {
            setError("must be at most " + String.format(Locale.ROOT, "%,d", max));
            return null;
        }
        return v;
    }

    /** The value as a finite double, or {@code null} after recording the problem. */
    Double parseDouble() {
        Double v = parsed("number", Double::parseDouble);
        if (v == null) {
            return null;
        }
        String t = cleaned();
        if (!Double.isFinite(v) || t.chars().anyMatch(Character::isLetter) && !t.matches("[-+0-9.]+[eE][-+]?[0-9]+")) {
            setError("'" + shorten(t) + "' is not a finite number");
            return null;
        }
        return v;
    }

    /** Sizes separated by commas ({@code 256,128}; empty: none), or {@code null} after recording the problem. */
    List<Integer> parseSizes() {
        try {
            return VqVaeShape.parseHidden(cleaned());
        } catch (VqException e) {
            setError("whole numbers separated by commas, e.g. 256,128");
            return null;
        }
    }

    /** The value as a positive whole number, or {@code null} (no error recorded: for values derived from it). */
    Long positiveLongOrNull() {
        try {
            long v = Long.parseLong(cleaned());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The cleaned text parsed, or {@code null} after recording "enter a …" or "'…' is not a …". */
    private <T> T parsed(String what, Function<String, T> parser) {
        String t = cleaned();
        if (t.isEmpty()) {
            setError("enter a " + what);
            return null;
        }
        try {
            return parser.apply(t);
        } catch (NumberFormatException e) {
            setError("'" + shorten(t) + "' is not a " + what);
            return null;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 12 ? s : s.substring(0, 10) + "…";
    }

    @Override
    public String toString() {
        return "FormField[" + id + "=" + text.get() + (error.get().isEmpty() ? "" : ", error " + error.get()) + "]";
    }
}
