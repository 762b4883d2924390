package org.sigmma.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sigmma.model.data.Batch;
import org.sigmma.model.loss.SigmmaLoss;
import org.sigmma.model.net.ModelInput;
import org.sigmma.model.net.ModelOutput;
import org.sigmma.model.net.SigmmaNet;

/**
 * One optimizer step of {@link SigmmaTrainer}: the batch to the device, forward, loss, backward,
 * the global gradient norm (with the divergence guard and optional clipping), and the AdamW
 * update. Public so that the benchmark suite (bench/) times and checks exactly the trainer's step.
 */
public final class TrainingStep {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingStep.class);

    /** Tests only: when it answers true, the step's loss reads as NaN (what stale memory does to a sound step). */
    static volatile java.util.function.BooleanSupplier staleMemoryForTests;

    private final SigmmaNet net;
    private final ParameterStore ps;
    private final NDManager manager;
    private final ResumableAdamW optimizer;
    private final List<Pair<String, Parameter>> trainable;
    /** State a forward pass changes besides the weights (batch norm's running statistics). */
    private final List<Pair<String, Parameter>> running;
    private final OptimiserConfig config;
    private final int[] scales;
    private final String recovery;

    /**
     * @param optimiser the learning rate, clipping and loss weights of the steps
     * @param recovery what the divergence message tells the user about their last good state
     */
    public TrainingStep(SigmmaNet net, OptimiserConfig optimiser, ParameterStore ps, NDManager manager,
            ResumableAdamW optimizer, String recovery) {
        this.net = net;
        this.ps = ps;
        this.manager = manager;
        this.optimizer = optimizer;
        this.trainable = net.trainable();
        this.running = net.getParameters().stream().filter(e -> !e.getValue().requiresGradient()).toList();
        this.config = optimiser;
        this.scales = net.config().lossScales();
        this.recovery = recovery;
    }

    /**
     * {@link #run(Batch, float, int, int)} with the engine's generator seeded with {@code seed} first, redone once when
     * it comes out non-finite while allocations were not yet zero-filled. libtorch 2.7.1's CPU convolution backward
     * reads memory it has not written (x 0): a stale NaN, or stale bytes that read as one (an int -1 is a float NaN),
     * turns a sound step non-finite. The guard then has allocations zero-filled ({@link FreedMemory}); the step is
     * redone from the same state (weights untouched, gradients cleared, batch-norm statistics restored, the same seed),
     * so it gives what an unpoisoned process gives. A step that is non-finite with zero-filled memory diverged for real.
     */
    public float[] runRedoingOnce(Batch b, float tau, int epoch, int stepInEpoch, int seed) {
        boolean canRedo = !FreedMemory.zeroing();
        List<NDArray> saved = new ArrayList<>();
        if (canRedo) {
            for (Pair<String, Parameter> p : running) {
                saved.add(p.getValue().getArray().duplicate());
            }
        }
        try {
            Engine.getInstance().setRandomSeed(seed);
            try {
                return run(b, tau, epoch, stepInEpoch);
            } catch (TrainingDivergedException e) {
                if (!canRedo || !FreedMemory.zeroing()) {
                    throw e;
                }
                LOG.warn("epoch {} step {} came out non-finite before allocations were zero-filled (libtorch's "
                        + "convolution backward read stale memory): redoing it with them zero-filled", epoch + 1, stepInEpoch);
                for (int i = 0; i < running.size(); i++) {
                    running.get(i).getValue().getArray().set(saved.get(i).toFloatArray());
                }
                for (Pair<String, Parameter> p : trainable) {
                    NDArray g = p.getValue().getArray().getGradient();
                    if (g != null) {
                        g.set(new ai.djl.ndarray.index.NDIndex("..."), 0);
                    }
                }
                Engine.getInstance().setRandomSeed(seed);
                return run(b, tau, epoch, stepInEpoch);
            }
        } finally {
            saved.forEach(NDArray::close);
        }
    }

    /**
     * One step with edge samples from the engine's generator. Returns [loss, loss micro, meso,
     * macro, edge score meso, macro, gradient norm], the loss terms of the forward pass before the
     * update.
     */
    public float[] run(Batch b, float tau, int epoch, int stepInEpoch) {
        return run(b, null, null, tau, epoch, stepInEpoch);
    }

    /**
     * One step whose edge samples use the given uniforms ({@code [B, N, Km]} and
     * {@code [B, N, Kx]}; null draws them), as {@link #run(Batch, float, int, int)}.
     */
    public float[] run(Batch b, NDArray mesoUniform, NDArray macroUniform, float tau, int epoch,
            int stepInEpoch) {
        try (NDScope scope = new NDScope()) {
            ModelInput in = ModelInput.of(b, manager);
            if (mesoUniform != null || macroUniform != null) {
                in = new ModelInput(in.crops(), in.graph().withUniforms(mesoUniform,
                        macroUniform));
            }
            NDList parts = new NDList();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ModelOutput out = net.forward(ps, in, true, tau, false);
                SigmmaLoss.Terms t = SigmmaLoss.compute(out, net.logScales(ps, net.device(),
                        true), scales, (float) net.config().maxLogitScale(),
                        (float) config.keepRateWeight(), (float) config.keepRateTarget());
                gc.backward(t.total());
                NDArray zero = manager.zeros(new Shape());
                parts.add(t.total().stopGradient());
                for (NDArray l : t.perScale()) {
                    parts.add(l == null ? zero : l.stopGradient());
                }
                for (NDArray k : t.keepRate()) {
                    parts.add(k == null ? zero : k.stopGradient());
                }
            }
            List<NDArray> grads = new ArrayList<>(trainable.size());
            NDArray squares = null;
            for (Pair<String, Parameter> p : trainable) {
                NDArray g = p.getValue().getArray().getGradient();
                grads.add(g);
                if (g != null) {
                    NDArray sq = g.square().sum();
                    squares = squares == null ? sq : squares.add(sq);
                }
            }
            parts.add(squares == null ? manager.zeros(new Shape()) : squares);
            float[] host = NDArrays.stack(parts).toFloatArray();
            double gradNorm = Math.sqrt(host[6]);
            host[6] = (float) gradNorm;
            java.util.function.BooleanSupplier stale = staleMemoryForTests;
            if (stale != null && stale.getAsBoolean()) {
                host[0] = Float.NaN;
            }
            if (!Float.isFinite(host[0]) || !Double.isFinite(gradNorm)) {
                // the NaN of this step will be freed into the heap: keep it from the next training's convolutions
                FreedMemory.zeroFromNowOn();
                throw new TrainingDivergedException(String.format(Locale.ROOT,
                        "training diverged at epoch %d step %d: loss %s, gradient norm %s"
                        + " (largest: %s; learning rate %.3g). The weights of this step were not"
                        + " applied; %s. Lower learningRate, set"
                        + " gradientClipNorm, or check the node features for NaN/Inf.",
                        epoch + 1, stepInEpoch, host[0], gradNorm, worstGradient(trainable, grads),
                        config.learningRate(), recovery));
            }
            float clip = (float) config.gradientClipNorm();
            float factor = clip > 0 && gradNorm > clip ? (float) (clip / gradNorm) : 1f;
            for (int i = 0; i < trainable.size(); i++) {
                NDArray g = grads.get(i);
                if (g == null) {
                    continue;
                }
                if (factor != 1f) {
                    g.muli(factor);
                }
                Pair<String, Parameter> p = trainable.get(i);
                optimizer.update(p.getKey(), p.getValue().getArray(), g);
                g.subi(g);
            }
            return host;
        }
    }

    /** The parameter with the largest gradient (read to the host only when the guard fires). */
    private static String worstGradient(List<Pair<String, Parameter>> trainable,
            List<NDArray> grads) {
        String worst = "none";
        double max = -1;
        for (int i = 0; i < grads.size(); i++) {
            if (grads.get(i) == null) {
                continue;
            }
            double norm = 0;
            for (float g : grads.get(i).toFloatArray()) {
                norm = Float.isFinite(g) ? norm + (double) g * g : Double.POSITIVE_INFINITY;
            }
            if (norm > max || Double.isNaN(norm)) {
                max = norm;
                worst = trainable.get(i).getKey() + " (norm " + Math.sqrt(norm) + ")";
            }
        }
        return worst;
    }
}
