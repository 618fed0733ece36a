package vqlens.core;

import java.util.List;
import java.util.Objects;

/**
 * One problem with one setting, as the settings rules report it: which setting, what a form shows beside
 * that field, and the stand-alone sentence a command line prints (and an exception carries). The rules
 * are written once ({@link QuantizerConfig#problems}, {@code vqlens.train.TrainingRules}); constructors
 * throw their first problem, forms and the command line show them all.
 *
 * @param setting  the setting's id, as the dashboard's form names its field ({@code "heads"}, {@code "decay"}, …)
 * @param atField  what is wrong, worded to sit beside the field ("must divide the dimension 384")
 * @param sentence the same as one line on its own ("heads (5) must divide the embedding dimension (384)")
 */
public record SettingProblem(String setting, String atField, String sentence) {
    public SettingProblem {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(atField, "atField");
        Objects.requireNonNull(sentence, "sentence");
    }

    /** Throws the first problem as a {@link VqException}, if there is one. */
    public static void throwFirst(List<SettingProblem> problems) {
        if (!problems.isEmpty()) {
            throw new VqException(problems.get(0).sentence());
        }
    }

    /** All problems as one line, sentences joined by "; ". */
    public static String oneLine(List<SettingProblem> problems) {
        return String.join("; ", problems.stream().map(SettingProblem::sentence).toList());
    }
}
