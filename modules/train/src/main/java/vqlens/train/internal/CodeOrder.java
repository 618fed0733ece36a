package vqlens.train.internal;

/**
 * Reorders per-code state stored code after code ({@code width} values per code) the way
 * {@link vqlens.core.edit.PermuteCodes} reorders codes: afterwards code {@code i} holds what code
 * {@code order[i]} held. One helper for every array type the training run keeps, so all move alike.
 */
final class CodeOrder {
    private CodeOrder() {
    }

    static void permute(double[] values, int from, int[] order, int width) {
        double[] old = java.util.Arrays.copyOfRange(values, from, from + order.length * width);
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(old, order[i] * width, values, from + i * width, width);
        }
    }

    static void permute(float[] values, int from, int[] order, int width) {
        float[] old = java.util.Arrays.copyOfRange(values, from, from + order.length * width);
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(old, order[i] * width, values, from + i * width, width);
        }
    }

    static void permute(long[] values, int from, int[] order, int width) {
        long[] old = java.util.Arrays.copyOfRange(values, from, from + order.length * width);
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(old, order[i] * width, values, from + i * width, width);
        }
    }
}
