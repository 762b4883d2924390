package org.sigmma.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Uniform weights in {@code +-1/sqrt(fanIn)}, PyTorch's default for linear and convolution
 * layers; fan-in is every axis but the first (output) one. Draws from the engine's seeded
 * generator, so a fixed seed gives fixed weights.
 */
public final class FanInUniform implements Initializer {

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.size();
        float bound = (float) (1.0 / Math.sqrt(Math.max(1, fanIn)));
        return manager.randomUniform(-bound, bound, shape, dataType, manager.getDevice());
    }
}
