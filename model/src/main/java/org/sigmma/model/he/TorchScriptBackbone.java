package org.sigmma.model.he;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A backbone loaded from a TorchScript file, for example a pathology foundation model exported by
 * the user with {@code torch.jit.trace} or {@code torch.jit.script}. It takes {@code [M, 3, S,
 * S]} float crops normalised with ImageNet statistics and returns {@code [M, D]}; a {@code [M, D,
 * h, w]} feature map is averaged over space and {@code [M, T, D]} tokens over T.
 *
 * <p>Frozen, it runs in evaluation mode with no gradient and is not written into checkpoints
 * (it is read again from its path); fine-tuned, its weights train and are checkpointed.
 */
public final class TorchScriptBackbone extends Backbone implements AutoCloseable {

    private final Path file;
    private final boolean trainable;
    private final Model model;
    private final Block script;
    private final int dim;

    /**
     * Loads the file and probes its output width with one zero crop.
     *
     * @param file the TorchScript {@code .pt} file
     * @param trainable fine-tune the weights (true) or keep them frozen (false)
     * @param inputSize crop side S the model expects
     * @param device where the module lives
     */
    public TorchScriptBackbone(Path file, boolean trainable, int inputSize, Device device)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("TorchScript backbone " + file + " is not a file");
        }
        this.file = file;
        this.trainable = trainable;
        this.model = Model.newInstance("backbone", device, "PyTorch");
        try {
            // "trainParam" is DJL 0.36's key for loading trainable weights, "retrain" later ones'
            model.load(file, null, Map.of("trainParam", String.valueOf(trainable),
                    "retrain", String.valueOf(trainable), "mapLocation", "true"));
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("cannot load TorchScript backbone " + file + ": "
                    + e.getMessage(), e);
        }
        this.script = addChildBlock("script", model.getBlock());
        script.freezeParameters(!trainable);
        NDManager probe = model.getNDManager().newSubManager();
        try (probe) {
            NDArray zeros = probe.zeros(new Shape(1, 3, inputSize, inputSize));
            NDArray out = pool(script.forward(new ParameterStore(probe, false), new NDList(zeros),
                    false).head(), file);
            this.dim = (int) out.getShape().get(1);
        }
    }

    public Path file() {
        return file;
    }

    public boolean trainable() {
        return trainable;
    }

    @Override
    public int outDim() {
        return dim;
    }

    @Override
    public boolean readsImages() {
        return true;
    }

    @Override
    public float[] pixelMean() {
        return new float[] {0.485f, 0.456f, 0.406f};
    }

    @Override
    public float[] pixelStd() {
        return new float[] {0.229f, 0.224f, 0.225f};
    }

    @Override
    public NDArray embed(ParameterStore ps, NDArray crops, boolean training) {
        NDArray out = script.forward(ps, new NDList(crops), trainable && training).head();
        out = pool(out, file);
        return trainable ? out : out.stopGradient();
    }

    private static NDArray pool(NDArray out, Path file) {
        switch (out.getShape().dimension()) {
            case 2:
                return out;
            case 3:
                return out.mean(new int[] {1});
            case 4:
                return out.reshape(out.getShape().get(0), out.getShape().get(1), -1)
                        .mean(new int[] {2});
            default:
                throw new IllegalArgumentException("TorchScript backbone " + file
                        + " returned shape " + out.getShape() + "; expected [M, D], [M, T, D] or"
                        + " [M, D, h, w]");
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(embed(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        // the script arrives with its weights
    }

    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        os.writeBoolean(trainable);
        if (trainable) {
            script.saveParameters(os);
        }
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        boolean saved = is.readBoolean();
        if (saved != trainable) {
            throw new MalformedModelException("checkpoint has a " + (saved ? "fine-tuned" : "frozen")
                    + " backbone but " + file + " was opened " + (trainable ? "fine-tuned" : "frozen"));
        }
        if (saved) {
            script.loadParameters(manager, is);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
