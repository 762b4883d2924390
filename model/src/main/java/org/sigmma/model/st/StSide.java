package org.sigmma.model.st;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The expression side of the model: the SIGMMA ST encoder or the BLEEP-like baseline. */
public abstract class StSide extends AbstractBlock {

    /**
     * Encodes a batch.
     *
     * @param tau Gumbel temperature of the relaxed edge samples
     * @param addedEdgesOff switch the learned (added) edges off, keeping the micro graph
     */
    public abstract StOutput encode(ParameterStore ps, GraphInputs in, boolean training, float tau,
            boolean addedEdgesOff);

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException("call encode(ps, GraphInputs, ...)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("shapes follow the configuration");
    }
}
