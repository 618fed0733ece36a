package vqlens.train.internal;

import vqlens.train.Hyperparameters;

/**
 * One codebook update rule. Runs on the trainer's thread; the codebook is a plain {@code [H, K, D]} array
 * the training run copies into the quantizer afterwards.
 */
interface CodebookRule {

    /**
     * Updates {@code codebook} in place from {@code stats}, which were measured against the codebook before
     * this update. {@code usage} already includes this step's counts.
     *
     * @param step  the step being made, 1 for the first
     * @param epoch passes over the data completed before this step (whole passes)
     */
    void update(float[] codebook, BatchStats stats, UsageEma usage, Hyperparameters hyper, long step, int epoch);

    /** Adjusts the method's own state for a code just re-seeded to {@code codebook[head, code]}. */
    void restarted(int head, int code, float[] codebook, UsageEma usage);

    /**
     * Whether {@link #permuted} reorders all of this method's per-code state; when false the training run refuses
     * to reorder codes while training rather than leave state at the wrong codes.
     */
    default boolean canPermute() {
        return false;
    }

    /**
     * Reorders this method's per-code state of {@code head} as {@code PermuteCodes} reorders the codes:
     * code {@code i} takes what code {@code order[i]} had. Only called when {@link #canPermute()}.
     */
    default void permuted(int head, int[] order) {
        // a method without per-code state has nothing to move
    }

    /** The EMA method's hidden sums, else empty. */
    double[] emaSums();

    /** The optimizer's state, else empty. */
    float[] updateRuleState();

    /**
     * The optimizer's state to roll a failed step or edit back to, read only until the next call: by default
     * {@link #updateRuleState()}; a rule with a large state (the VQ-VAE network) refills one array instead of
     * allocating megabytes per step.
     */
    default float[] rollbackState() {
        return updateRuleState();
    }

    /** Puts back what {@link #emaSums()} and {@link #updateRuleState()} (or {@link #rollbackState()}) returned. */
    void restore(double[] emaSums, float[] updateRuleState);
}
