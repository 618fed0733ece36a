package vqlens.train;

import java.util.List;
import vqlens.core.SettingProblem;
import vqlens.core.VqException;

/**
 * The encoder and decoder of the full VQ-VAE mode: multilayer perceptrons {@code input → hidden[0] → … →
 * E} (ReLU after every hidden layer, linear output) and the mirror image {@code E → … → hidden[0] → input}
 * for the decoder, with the product quantizer between them.
 *
 * @param inputDim width of a data row (256 for the 16 × 16 {@code shapes} images)
 * @param hidden   hidden layer sizes from the input side, e.g. {@code [256, 128]}; may be empty
 */
public record VqVaeShape(int inputDim, List<Integer> hidden) {
    /** Largest hidden layer. */
    public static final int MAX_HIDDEN = 1 << 16;

    public VqVaeShape {
        hidden = List.copyOf(hidden);
        SettingProblem.throwFirst(TrainingRules.network(inputDim, hidden));
    }

    /** {@code 256,128}: the {@code --hidden} form. */
    public String hiddenLabel() {
        StringBuilder s = new StringBuilder();
        for (int h : hidden) {
            s.append(s.length() == 0 ? "" : ",").append(h);
        }
        return s.toString();
    }

    /** Parses {@link #hiddenLabel()}; an empty text means no hidden layer. */
    public static List<Integer> parseHidden(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new VqException("hidden sizes must be integers separated by commas, got '" + text + "'");
        }
    }
}
