package org.sigmma.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Two linear layers with a ReLU between: the projection heads and the BLEEP-like encoder. */
public final class Mlp extends AbstractBlock {

    private final Dense first;
    private final Dense second;

    public Mlp(int in, int hidden, int out) {
        first = addChildBlock("fc1", new Dense(in, hidden, true));
        second = addChildBlock("fc2", new Dense(hidden, out, true));
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return second.apply(ps, Activation.relu(first.apply(ps, x, training)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return second.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        first.initialize(manager, dataType);
        second.initialize(manager, dataType);
    }
}
