package org.sigmma.model.he;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A backbone that reads crop features computed elsewhere ({@code TileSample.cropFeatures}). */
public final class PrecomputedFeatures extends Backbone {

    private final int dim;

    public PrecomputedFeatures(int dim) {
        this.dim = dim;
    }

    @Override
    public int outDim() {
        return dim;
    }

    @Override
    public boolean readsImages() {
        return false;
    }

    @Override
    public NDArray embed(ParameterStore ps, NDArray features, boolean training) {
        return features;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return inputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        // no children
    }
}
