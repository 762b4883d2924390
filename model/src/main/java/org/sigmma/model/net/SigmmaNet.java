package org.sigmma.model.net;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sigmma.model.he.Backbone;
import org.sigmma.model.he.HeEncoder;
import org.sigmma.model.he.PrecomputedFeatures;
import org.sigmma.model.he.SmallCnn;
import org.sigmma.model.he.TorchScriptBackbone;
import org.sigmma.model.st.BleepEncoder;
import org.sigmma.model.st.StEncoder;
import org.sigmma.model.st.StOutput;
import org.sigmma.model.st.StSide;

/**
 * The whole model: HE encoder f, expression encoder g (SIGMMA or BLEEP-like) and one learnable
 * InfoNCE log logit scale per scale.
 */
public final class SigmmaNet extends AbstractBlock implements AutoCloseable {

    private final ModelConfig config;
    private final HeEncoder he;
    private final StSide st;
    private final Parameter logScale;

    private SigmmaNet(ModelConfig config, Backbone backbone, int featureDim) {
        this.config = config;
        boolean macroOnly = config.lossScales().length == 1;
        this.he = addChildBlock("he", new HeEncoder(backbone, config.projection(), macroOnly));
        if (config.architecture() == ModelConfig.Architecture.BLEEP) {
            this.st = addChildBlock("st", new BleepEncoder(featureDim, config.hidden(),
                    config.projection()));
        } else {
            this.st = addChildBlock("st", new StEncoder(new StEncoder.Options(featureDim,
                    config.hidden(), config.projection(), config.scorerHidden(),
                    config.noGraph(), config.noSparsification(), config.edgeSampling(),
                    config.scorerGeometry(), config.sageDepth(), config.edgeDropout())));
        }
        this.logScale = addParameter(Parameter.builder().setName("logScale")
                .setType(Parameter.Type.OTHER).optShape(new Shape(3))
                .optInitializer(new ConstantInitializer(
                        (float) Math.log(1 / config.initialTemperature()))).build());
    }

    /**
     * Builds and initialises a model on the manager's device. Weights are drawn from the engine's
     * generator: seed it first for reproducible weights.
     *
     * @param featureDim node feature width
     * @param cropFeatureDim precomputed crop feature width (backbone "precomputed"), else ignored
     */
    public static SigmmaNet create(ModelConfig config, int featureDim, int cropFeatureDim,
            NDManager manager) throws IOException {
        Backbone backbone = switch (config.backbone()) {
            case CNN -> new SmallCnn(config.cnnChannels().stream().mapToInt(Integer::intValue)
                    .toArray(), config.cropSize());
            case PRECOMPUTED -> new PrecomputedFeatures(cropFeatureDim);
            case TORCHSCRIPT -> new TorchScriptBackbone(Path.of(config.backbonePath()),
                    config.fineTuneBackbone(), config.cropSize(), manager.getDevice());
        };
        SigmmaNet net = new SigmmaNet(config, backbone, featureDim);
        net.initialize(manager, DataType.FLOAT32);
        return net;
    }

    public ModelConfig config() {
        return config;
    }

    public HeEncoder he() {
        return he;
    }

    public StSide st() {
        return st;
    }

    /** The device the weights live on. */
    public Device device() {
        return logScale.getArray().getDevice();
    }

    /**
     * Runs a batch.
     *
     * @param tau Gumbel temperature
     * @param addedEdgesOff switch the learned edges off (diagnostics)
     */
    public ModelOutput forward(ParameterStore ps, ModelInput in, boolean training, float tau,
            boolean addedEdgesOff) {
        NDArray[] zImage = he.encode(ps, in.crops(), training);
        StOutput out = st.encode(ps, in.graph(), training, tau, addedEdgesOff);
        return new ModelOutput(zImage, out);
    }

    /** The log logit scales {@code [3]}. */
    public NDArray logScales(ParameterStore ps, Device device, boolean training) {
        return ps.getValue(logScale, device, training);
    }

    /** Trainable parameters by stable, hierarchical name. */
    public List<Pair<String, Parameter>> trainable() {
        return getParameters().stream().filter(e -> e.getValue().requiresGradient()).toList();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException("call forward(ps, ModelInput, ...)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("shapes follow the configuration");
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        he.initialize(manager, dataType);
        st.initialize(manager, dataType);
    }

    @Override
    public void close() {
        if (he.backbone() instanceof TorchScriptBackbone t) {
            t.close();
        }
    }
}
