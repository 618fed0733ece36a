package vqlens.core.edit;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import vqlens.core.Codebooks;
import vqlens.core.VqException;

/**
 * New values for some codes of one head: {@code codes[i]} becomes {@code values[i]}. A trainer treats every
 * code named here as changed: its EMA statistics are made to agree with the new value and its optimizer
 * moments are cleared.
 *
 * @param head        the head, 0-based
 * @param codes       distinct code indices of that head
 * @param values      one vector of length {@code headDim} per code; finite
 * @param description short text for people
 */
public record SetCodes(int head, int[] codes, float[][] values, String description) implements CodebookEdit {

    public SetCodes {
        Objects.requireNonNull(description, "description");
        codes = codes.clone();
        if (codes.length == 0 || codes.length != values.length) {
            throw new VqException("set codes: " + codes.length + " codes but " + values.length + " values");
        }
        Set<Integer> seen = new HashSet<>();
        float[][] copy = new float[values.length][];
        for (int i = 0; i < codes.length; i++) {
            if (!seen.add(codes[i])) {
                throw new VqException("set codes: code " + codes[i] + " named twice");
            }
            copy[i] = values[i].clone();
            for (float v : copy[i]) {
                if (!Float.isFinite(v)) {
                    throw new VqException("set codes: code " + codes[i] + " would get a non-finite value " + v);
                }
            }
        }
        values = copy;
    }

    /** One code of one head. */
    public static SetCodes one(int head, int code, float[] value, String description) {
        return new SetCodes(head, new int[] {code}, new float[][] {value}, description);
    }

    @Override
    public int[] codes() {
        return codes.clone();
    }

    @Override
    public float[][] values() {
        float[][] copy = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }

    /** The value given to {@code codes()[i]}, a copy. */
    public float[] value(int i) {
        return values[i].clone();
    }

    @Override
    public Codebooks apply(Codebooks before) {
        check(before);
        int d = before.config().headDim();
        int k = before.config().codes();
        float[] out = before.toArray();
        for (int i = 0; i < codes.length; i++) {
            System.arraycopy(values[i], 0, out, (head * k + codes[i]) * d, d);
        }
        return Codebooks.wrap(before.config(), out, before.inited());
    }

    @Override
    public CodebookEdit inverse(Codebooks before) {
        check(before);
        float[][] old = new float[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            old[i] = before.code(head, codes[i]);
        }
        return new SetCodes(head, codes, old, "undo: " + description);
    }

    private void check(Codebooks cb) {
        EditChecks.head(cb, "set codes", head);
        for (int i = 0; i < codes.length; i++) {
            EditChecks.code(cb, "set codes", head, codes[i]);
            if (values[i].length != cb.config().headDim()) {
                throw new VqException("set codes: code " + codes[i] + " has " + values[i].length
                        + " values, the head dimension is " + cb.config().headDim());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetCodes s && s.head == head && Arrays.equals(s.codes, codes)
                && Arrays.deepEquals(s.values, values) && s.description.equals(description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(head, Arrays.hashCode(codes), Arrays.deepHashCode(values), description);
    }

    @Override
    public String toString() {
        return "SetCodes[head=" + head + ", codes=" + Arrays.toString(codes) + ", " + description + "]";
    }
}
