package vqlens.core.edit;

import vqlens.core.Codebooks;
import vqlens.core.VqException;

/** Argument checks shared by the editing operations; each failure is a one-line {@link VqException}. */
final class EditChecks {

    private EditChecks() {
    }

    static void head(Codebooks cb, String op, int head) {
        int heads = cb.config().heads();
        if (head < 0 || head >= heads) {
            throw new VqException(op + ": head " + head + " outside 0.." + (heads - 1));
        }
    }

    static void code(Codebooks cb, String op, int head, int code) {
        head(cb, op, head);
        int codes = cb.config().codes();
        if (code < 0 || code >= codes) {
            throw new VqException(op + ": code " + code + " outside 0.." + (codes - 1));
        }
    }

    static void distinct(String op, int a, int b) {
        if (a == b) {
            throw new VqException(op + ": code " + a + " named twice; pick two different codes");
        }
    }

    static void vector(Codebooks cb, String op, int code, float[] value) {
        if (value == null) {
            throw new VqException(op + ": no value given for code " + code);
        }
        if (value.length != cb.config().headDim()) {
            throw new VqException(op + ": code " + code + " needs " + cb.config().headDim() + " values, got "
                    + value.length);
        }
        for (int j = 0; j < value.length; j++) {
            if (!Float.isFinite(value[j])) {
                throw new VqException(op + ": value " + value[j] + " at dimension " + j + " of code " + code
                        + " is not a finite number");
            }
        }
    }

    /** Data rows are required here: not null, {@code rowCount > 0} full rows, finite in {@code head}'s slice. */
    static void rows(Codebooks cb, String op, int head, float[] rows, int rowCount) {
        if (rows == null) {
            throw new VqException(op + ": needs data rows, and none are loaded");
        }
        int e = cb.config().embeddingDim();
        if (rowCount <= 0) {
            throw new VqException(op + ": needs at least one data row, got " + rowCount);
        }
        if ((long) rowCount * e != rows.length) {
            throw new VqException(op + ": data rows: expected " + rowCount + " x " + e + " = " + (long) rowCount * e
                    + " values, got " + rows.length);
        }
        int d = cb.config().headDim();
        for (int r = 0; r < rowCount; r++) {
            int from = r * e + head * d;
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(rows[from + j])) {
                    throw new VqException(op + ": data row " + r + " has a non-finite value " + rows[from + j]
                            + " at column " + (head * d + j));
                }
            }
        }
    }

    /** Usage of one head's codes: {@code codes} finite, non-negative numbers. */
    static void usage(Codebooks cb, String op, double[] usage, int expected) {
        if (usage == null) {
            throw new VqException(op + ": needs usage counts, and none are known");
        }
        if (usage.length != expected) {
            throw new VqException(op + ": usage has " + usage.length + " entries, expected " + expected);
        }
        for (int i = 0; i < usage.length; i++) {
            if (!Double.isFinite(usage[i]) || usage[i] < 0) {
                throw new VqException(op + ": usage " + usage[i] + " of code " + (i % cb.config().codes())
                        + " is not a non-negative number");
            }
        }
    }
}
