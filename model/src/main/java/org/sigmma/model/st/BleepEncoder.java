package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.sigmma.model.layers.Mlp;

/**
 * The BLEEP-like baseline: an MLP over the tile's summed expression, one (macro) scale. The sum
 * of the cells' features is divided by the cell count, so that the input scale does not grow
 * with cell density; no cell graph, no cell embeddings.
 */
public final class BleepEncoder extends StSide {

    private final Mlp mlp;

    public BleepEncoder(int featureDim, int hidden, int projection) {
        mlp = addChildBlock("mlp", new Mlp(featureDim, hidden, projection));
    }

    @Override
    public StOutput encode(ParameterStore ps, GraphInputs in, boolean training, float tau,
            boolean addedEdgesOff) {
        NDArray mask = in.mask();
        NDArray total = in.features().mul(mask.expandDims(2)).sum(new int[] {1});
        NDArray mean = total.div(mask.sum(new int[] {1}, true).maximum(1f));
        NDArray[] z = {null, null, mlp.apply(ps, mean, training)};
        return new StOutput(z, new NDArray[3], new NDArray[2], new NDArray[2], new NDArray[2]);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        mlp.initialize(manager, dataType);
    }
}
