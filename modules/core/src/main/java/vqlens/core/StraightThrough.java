package vqlens.core;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * The straight-through estimator {@code z_q = z + sg(q − z)} for SameDiff graphs: its value is the codes
 * {@code q}, its gradient with respect to {@code z} is the identity, and no gradient flows into {@code q}
 * through it. SameDiff has no {@code stopGradient} method in 1.0.0-M2.1, so the op class is used directly.
 */
public final class StraightThrough {
    private StraightThrough() {
    }

    /**
     * @param z the encoder output {@code [B, E]}
     * @param q the chosen codes {@code [B, E]} (e.g. a gather from the codebooks)
     * @return {@code z + sg(q − z)}, named {@code name}
     */
    public static SDVariable apply(SameDiff sd, String name, SDVariable z, SDVariable q) {
        SDVariable detached = new StopGradient(sd, q.sub(z)).outputVariable();
        return z.add(name, detached);
    }
}
