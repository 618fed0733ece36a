package vqlens.core.edit;

import java.util.Arrays;
import java.util.Objects;

import vqlens.core.Codebooks;
import vqlens.core.VqException;

/**
 * A reordering of one head's codes: after the edit, code {@code i} is what code {@code order[i]} was.
 * A trainer permutes every per-code state of that head the same way (usage, EMA sums, optimizer moments),
 * so training carries on with the codes in their new places.
 *
 * @param head        the head, 0-based
 * @param order       a permutation of {@code 0 .. codes-1}
 * @param description short text for people
 */
public record PermuteCodes(int head, int[] order, String description) implements CodebookEdit {

    public PermuteCodes {
        Objects.requireNonNull(description, "description");
        order = order.clone();
        boolean[] seen = new boolean[order.length];
        for (int source : order) {
            if (source < 0 || source >= order.length || seen[source]) {
                throw new VqException("permute codes: " + Arrays.toString(order).substring(0, Math.min(80,
                        Arrays.toString(order).length())) + " is not a permutation of 0.." + (order.length - 1));
            }
            seen[source] = true;
        }
    }

    /** Swaps codes {@code a} and {@code b} of a head with {@code codes} codes. */
    public static PermuteCodes swap(int head, int codes, int a, int b) {
        int[] order = identity(codes);
        if (a < 0 || b < 0 || a >= codes || b >= codes) {
            throw new VqException("swap codes: " + a + " and " + b + " must lie in 0.." + (codes - 1));
        }
        order[a] = b;
        order[b] = a;
        return new PermuteCodes(head, order, "swap head " + head + " codes " + a + " and " + b);
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    /** Where code {@code i} came from. */
    public int source(int i) {
        return order[i];
    }

    @Override
    public Codebooks apply(Codebooks before) {
        check(before);
        int d = before.config().headDim();
        int k = before.config().codes();
        float[] in = before.toArray();
        float[] out = in.clone();
        for (int i = 0; i < k; i++) {
            System.arraycopy(in, (head * k + order[i]) * d, out, (head * k + i) * d, d);
        }
        return Codebooks.wrap(before.config(), out, before.inited());
    }

    @Override
    public CodebookEdit inverse(Codebooks before) {
        check(before);
        int[] back = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            back[order[i]] = i;
        }
        return new PermuteCodes(head, back, "undo: " + description);
    }

    private void check(Codebooks cb) {
        EditChecks.head(cb, "permute codes", head);
        if (order.length != cb.config().codes()) {
            throw new VqException("permute codes: " + order.length + " entries for " + cb.config().codes() + " codes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermuteCodes p && p.head == head && Arrays.equals(p.order, order)
                && p.description.equals(description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(head, Arrays.hashCode(order), description);
    }

    @Override
    public String toString() {
        return "PermuteCodes[head=" + head + ", " + description + "]";
    }
}
