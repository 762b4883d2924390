package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sigmma.model.layers.Dense;

/**
 * Gated global attention pooling (Li et al. 2015): {@code a_v = softmax_v(gate(h_v))} over the
 * tile's real cells, {@code sum_v a_v nn(h_v)}. Padded cells get logit -1e9 (not -inf, which
 * turns a fully masked row into NaN) and weight 0.
 */
public final class AttentionPool extends AbstractBlock {

    /** Logit given to padded cells. */
    public static final float MASKED_LOGIT = -1e9f;

    private final Dense gate;
    private final Dense nn;

    public AttentionPool(int dim) {
        gate = addChildBlock("gate", new Dense(dim, 1, true));
        nn = addChildBlock("nn", new Dense(dim, dim, true));
    }

    /**
     * @param h {@code [B, N, D]}
     * @param mask {@code [B, N]} float, 1 for real cells
     * @return {@code [B, D]}
     */
    public NDArray pool(ParameterStore ps, NDArray h, NDArray mask, boolean training) {
        Shape s = h.getShape();
        NDArray logits = gate.apply(ps, h, training).reshape(s.get(0), s.get(1));
        logits = logits.mul(mask).add(mask.sub(1f).mul(-MASKED_LOGIT));
        NDArray weights = logits.softmax(1).mul(mask);
        return nn.apply(ps, h, training).mul(weights.expandDims(2)).sum(new int[] {1});
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(pool(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape h = inputShapes[0];
        return new Shape[] {new Shape(h.get(0), h.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        gate.initialize(manager, dataType);
        nn.initialize(manager, dataType);
    }
}
