package org.sigmma.model.st;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sigmma.model.layers.Dense;

/**
 * GraphSAGE with mean aggregation: {@code h_v' = ReLU(W [h_v, mean_{u in N(v)} w_uv h_u])},
 * written as {@code W_self h_v + W_neigh m_v} (the same map as W on the concatenation). The
 * weighted mean m_v is computed by the caller, so that one layer serves every graph.
 */
public final class SageLayer extends AbstractBlock {

    private final Dense self;
    private final Dense neigh;

    public SageLayer(int in, int out) {
        self = addChildBlock("self", new Dense(in, out, true));
        neigh = addChildBlock("neigh", new Dense(in, out, false));
    }

    /**
     * @param h {@code [B, N, in]}
     * @param neighbourMean {@code [B, N, in]}, or null for cells as a set (no graph)
     */
    public NDArray apply(ParameterStore ps, NDArray h, NDArray neighbourMean, boolean training) {
        NDArray z = self.apply(ps, h, training);
        if (neighbourMean != null) {
            z = z.add(neigh.apply(ps, neighbourMean, training));
        }
        return Activation.relu(z);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null,
                training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return self.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        self.initialize(manager, dataType);
        neigh.initialize(manager, dataType);
    }
}
