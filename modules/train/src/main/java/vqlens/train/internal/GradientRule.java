package vqlens.train.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import vqlens.core.QuantizerConfig;
import vqlens.train.Hyperparameters;
import vqlens.train.UpdateRule;

/**
 * Gradient descent on the codebook loss {@code L = mean((sg(z) − q)²)} over the batch's {@code B × E}
 * values, with one of ND4J's updaters applied to the whole codebook. Only the chosen codes {@code q}
 * depend on the codebook, so the gradient is closed-form: for code {@code c} chosen by rows {@code R},
 * {@code ∂L/∂c = 2 (|R|·c − Σ_{r∈R} z_r) / (B·E)}, and zero for unused codes (their Adam moments still
 * decay, as in PyTorch). The commitment term {@code β·mean((z − sg(q))²)} has no codebook gradient.
 */
final class GradientRule implements CodebookRule {
    private final int codes;
    private final int dim;
    private final int width;
    private final int size;
    private final IUpdater config;
    private INDArray stateView;
    private GradientUpdater<?> updater;
    private double learningRate;

    GradientRule(QuantizerConfig quantizer, UpdateRule method, double learningRate) {
        codes = quantizer.codes();
        dim = quantizer.headDim();
        width = quantizer.embeddingDim();
        size = quantizer.codebookValues();
        this.learningRate = learningRate;
        config = method == UpdateRule.ADAM ? new Adam(learningRate) : new Sgd(learningRate);
        long stateSize = config.stateSize(size);
        stateView = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
        updater = config.instantiate(stateView, true);
    }

    @Override
    public void update(float[] codebook, BatchStats stats, UsageEma usage, Hyperparameters hyper, long step, int epoch) {
        if (hyper.learningRate() != learningRate) {
            learningRate = hyper.learningRate();
            config.setLrAndSchedule(learningRate, null);
        }
        float[] gradient = new float[size];
        double scale = 2.0 / ((double) stats.rows * width);
        for (int i = 0; i < stats.counts.length; i++) {
            long n = stats.counts[i];
            if (n > 0) {
                int c = i * dim;
                for (int d = 0; d < dim; d++) {
                    gradient[c + d] = (float) (scale * (n * (double) codebook[c + d] - stats.sums[c + d]));
                }
            }
        }
        INDArray update = Nd4j.createFromArray(gradient).reshape(1, size);
        updater.applyUpdater(update, (int) (step - 1), epoch);
        INDArray params = Nd4j.createFromArray(codebook).reshape(1, size);
        params.subi(update);
        System.arraycopy(params.toFloatVector(), 0, codebook, 0, size);
    }

    /** A re-seeded code starts with fresh optimizer moments. */
    @Override
    public void restarted(int head, int code, float[] codebook, UsageEma usage) {
        if (stateView == null) {
            return;
        }
        long from = (long) (head * codes + code) * dim;
        for (long offset = 0; offset < stateView.length(); offset += size) {
            stateView.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset + from, offset + from + dim)).assign(0);
        }
    }

    @Override
    public boolean canPermute() {
        return true;
    }

    /** Moves every moment block ({@code [m | v]} for Adam) with its code; in place, so the updater's views stay valid. */
    @Override
    public void permuted(int head, int[] order) {
        if (stateView == null) {
            return;
        }
        float[] state = stateView.toFloatVector();
        for (int offset = 0; offset < state.length; offset += size) {
            CodeOrder.permute(state, offset + head * codes * dim, order, dim);
        }
        stateView.assign(Nd4j.createFromArray(state).reshape(1, state.length));
    }

    @Override
    public double[] emaSums() {
        return new double[0];
    }

    @Override
    public float[] updateRuleState() {
        return stateView == null ? new float[0] : stateView.toFloatVector();
    }

    @Override
    public void restore(double[] emaSums, float[] updateRuleState) {
        if (stateView == null) {
            return;
        }
        if (updateRuleState.length != stateView.length()) {
            throw new IllegalArgumentException("optimizer state of " + updateRuleState.length + " values, expected "
                    + stateView.length());
        }
        stateView = Nd4j.createFromArray(updateRuleState).reshape(1, updateRuleState.length);
        updater = config.instantiate(stateView, false);
    }
}
