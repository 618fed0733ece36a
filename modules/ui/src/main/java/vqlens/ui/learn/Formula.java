package vqlens.ui.learn;

import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A small typesetter for the lessons' formulas, as a {@link TextFlow}: Latin letters italic (variables), digits
 * and operators upright, {@code _x} or {@code _{…}} a subscript and {@code ^x} or {@code ^{…}} a superscript
 * (smaller, raised or lowered). Enough for {@code ‖z − c‖^2 = ‖z‖^2 + ‖c‖^2 − 2⟨z, c⟩} to read as printed.
 * Words of two or more letters (argmin, sg) stay upright, as operator names are printed.
 */
final class Formula {
    private Formula() {
    }

    static TextFlow of(String source) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("formula");
        int i = 0;
        while (i < source.length()) {
            char ch = source.charAt(i);
            if ((ch == '_' || ch == '^') && i + 1 < source.length()) {
                int end;
                String script;
                if (source.charAt(i + 1) == '{') {
                    end = source.indexOf('}', i + 2);
                    end = end < 0 ? source.length() : end;
                    script = source.substring(i + 2, end);
                    end++;
                } else {
                    script = source.substring(i + 1, i + 2);
                    end = i + 2;
                }
                Text t = new Text(script);
                t.getStyleClass().addAll("formula-script", ch == '_' ? "formula-sub" : "formula-sup");
                t.setTranslateY(ch == '_' ? 4 : -6);
                flow.getChildren().add(t);
                i = end;
                continue;
            }
            int j = i;
            if (Character.isLetter(ch) && ch < 128) {
                while (j < source.length() && Character.isLetter(source.charAt(j)) && source.charAt(j) < 128) {
                    j++;
                }
                Text t = new Text(source.substring(i, j));
                t.getStyleClass().add(j - i == 1 ? "formula-variable" : "formula-name");
                flow.getChildren().add(t);
            } else {
                while (j < source.length() && !(Character.isLetter(source.charAt(j)) && source.charAt(j) < 128)
                        && source.charAt(j) != '_' && source.charAt(j) != '^') {
                    j++;
                }
                Text t = new Text(source.substring(i, j));
                t.getStyleClass().add("formula-symbol");
                flow.getChildren().add(t);
            }
            i = j;
        }
        return flow;
    }
}
