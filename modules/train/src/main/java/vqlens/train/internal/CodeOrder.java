package vqlens.train.internal;

import java.lang.reflect.Array;

/**
 * Reorders per-code state stored code after code ({@code width} values per code) the way
 * {@link vqlens.core.edit.PermuteCodes} reorders codes: afterwards code {@code i} holds what code
 * {@code order[i]} held. One helper for every array the training run keeps, so all move alike.
 */
final class CodeOrder {
    private CodeOrder() {
    }

    /** {@code values}: an array of any element type, the codes from index {@code from}. */
    static void permute(Object values, int from, int[] order, int width) {
        int length = order.length * width;
        Object old = Array.newInstance(values.getClass().getComponentType(), length);
        System.arraycopy(values, from, old, 0, length);
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(old, order[i] * width, values, from + i * width, width);
        }
    }
}
