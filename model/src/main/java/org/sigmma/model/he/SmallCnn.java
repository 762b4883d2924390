package org.sigmma.model.he;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.sigmma.model.layers.FanInUniform;

/**
 * The default backbone, trained from scratch: 3x3 convolutions with BatchNorm and ReLU, a 2x2 max
 * pool after each but the last, then a global average pool (docs/method.md: 16-32-64-64 on 32 px).
 */
public final class SmallCnn extends Backbone {

    private final int[] channels;
    private final int inputSize;
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();

    public SmallCnn(int[] channels, int inputSize) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("the CNN needs at least one layer");
        }
        int side = inputSize;
        for (int i = 0; i < channels.length - 1; i++) {
            side /= 2;
        }
        if (side < 1) {
            throw new IllegalArgumentException("input " + inputSize + " px is too small for "
                    + channels.length + " layers with pooling");
        }
        this.channels = channels.clone();
        this.inputSize = inputSize;
        for (int i = 0; i < channels.length; i++) {
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).setFilters(channels[i]).optBias(false).build();
            conv.setInitializer(new FanInUniform(), ai.djl.nn.Parameter.Type.WEIGHT);
            convs.add(addChildBlock("conv" + i, conv));
            norms.add(addChildBlock("bn" + i, BatchNorm.builder().build()));
        }
    }

    @Override
    public int outDim() {
        return channels[channels.length - 1];
    }

    @Override
    public boolean readsImages() {
        return true;
    }

    @Override
    public NDArray embed(ParameterStore ps, NDArray x, boolean training) {
        for (int i = 0; i < channels.length; i++) {
            x = convs.get(i).forward(ps, new NDList(x), training).head();
            x = norms.get(i).forward(ps, new NDList(x), training).head();
            x = Activation.relu(x);
            if (i < channels.length - 1) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
        }
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(embed(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        int side = inputSize;
        int in = 3;
        for (int i = 0; i < channels.length; i++) {
            convs.get(i).initialize(manager, dataType, new Shape(1, in, side, side));
            norms.get(i).initialize(manager, dataType, new Shape(1, channels[i], side, side));
            in = channels[i];
            if (i < channels.length - 1) {
                side /= 2;
            }
        }
    }
}
