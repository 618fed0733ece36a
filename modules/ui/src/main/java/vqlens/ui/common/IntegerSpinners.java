package vqlens.ui.common;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * Editable integer spinners that forgive typing: text that is not a whole number keeps the current value
 * (the stock converter would throw on the FX thread), and numbers outside the range are clamped by the factory.
 */
public final class IntegerSpinners {

    private IntegerSpinners() {
    }

    public static Spinner<Integer> of(int min, int max, int initial) {
        return of(min, max, initial, 1);
    }

    /** The same, the arrows moving by {@code step}. */
    public static Spinner<Integer> of(int min, int max, int initial, int step) {
        IntegerSpinnerValueFactory factory = new IntegerSpinnerValueFactory(min, max, initial, step);
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.parseInt(text.strip().replace(",", ""));
                } catch (NumberFormatException e) {
                    return factory.getValue();
                }
            }
        });
        Spinner<Integer> spinner = new Spinner<>(factory);
        spinner.setEditable(true);
        // show the value again when typing left it unchanged (e.g. "abc" or a clamped number)
        spinner.getEditor().focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                spinner.getEditor().setText(factory.getConverter().toString(factory.getValue()));
            }
        });
        return spinner;
    }
}
