package org.sigmma.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A linear layer over the last axis with its sizes fixed at construction, so it initialises
 * without shape inference: {@code [..., in] -> [..., out]}.
 */
public final class Dense extends AbstractBlock {

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public Dense(int in, int out, boolean withBias) {
        this.in = in;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).optInitializer(new FanInUniform()).build());
        bias = withBias ? addParameter(Parameter.builder().setName("bias")
                .setType(Parameter.Type.BIAS).optShape(new Shape(out))
                .optInitializer(Initializer.ZEROS).build()) : null;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Applies the layer. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        if (bias == null) {
            return Linear.linear(x, w).head();
        }
        return Linear.linear(x, w, ps.getValue(bias, x.getDevice(), training)).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        // no children
    }
}
