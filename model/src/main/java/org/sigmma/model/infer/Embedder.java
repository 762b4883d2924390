package org.sigmma.model.infer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.sigmma.model.data.Batch;
import org.sigmma.model.data.BatchShape;
import org.sigmma.model.data.PreparedTile;
import org.sigmma.model.data.TilePreparer;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.net.ModelInput;
import org.sigmma.model.net.ModelOutput;
import org.sigmma.model.net.ModelConfig;
import org.sigmma.model.net.SigmmaNet;
import org.sigmma.model.train.Checkpoints;
import org.sigmma.model.train.DatasetInfo;
import org.sigmma.model.train.DeviceSelector;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.schema.Scale;

/**
 * Runs a trained model in evaluation mode over tiles: tile embeddings of both modalities at the
 * three scales, cell embeddings at the three scales, and the learned edges (those with logit > 0,
 * with their score {@code s_uv} and scale). Evaluation takes no random draws, so the same tiles
 * always give the same output.
 */
public final class Embedder implements AutoCloseable {

    /** What to collect besides the tile embeddings. */
    public record Options(boolean cells, boolean edges, boolean addedEdgesOff, int padCells,
            CandidateListener candidates) {

        public Options(boolean cells, boolean edges, boolean addedEdgesOff, int padCells) {
            this(cells, edges, addedEdgesOff, padCells, null);
        }

        /** These options with every scored candidate reported to a listener. */
        public Options withCandidates(CandidateListener listener) {
            return new Options(cells, edges, addedEdgesOff, padCells, listener);
        }

        public static Options all() {
            return new Options(true, true, false, 0);
        }

        public static Options tilesOnly() {
            return new Options(false, false, false, 0);
        }
    }

    /** Sees every valid candidate pair the scorer rated, kept or not (the pool learned edges are chosen from). */
    @FunctionalInterface
    public interface CandidateListener {
        /**
         * @param tileId the tile
         * @param scale "meso" or "macro"
         * @param from local index of the receiving cell u
         * @param to local index of the candidate v
         * @param logit the scorer's logit; the edge is kept when it is above 0
         */
        void candidate(String tileId, String scale, int from, int to, float logit);
    }

    /**
     * @param tiles one entry per tile, in input order
     * @param meso edge score statistics of the meso step
     * @param macro edge score statistics of the macro step
     */
    public record Result(List<TileEmbedding> tiles, EdgeStats meso, EdgeStats macro) {}

    private static final String[] STEPS = {Scale.MESO.id(), Scale.MACRO.id()};

    private final SigmmaNet net;
    private final NDManager manager;
    private final boolean owns;
    private final ParameterStore ps;
    private final TilePreparer preparer;
    private final TrainingConfig config;
    private final DatasetInfo info;

    /** Serves a model that someone else owns (the trainer's validation pass), in batches of the config's size. */
    public Embedder(SigmmaNet net, TrainingConfig config, NDManager manager, DatasetInfo info) {
        this(net, config, manager, info, false);
    }

    private Embedder(SigmmaNet net, TrainingConfig config, NDManager manager, DatasetInfo info, boolean owns) {
        this.net = net;
        this.manager = manager;
        this.owns = owns;
        this.info = info;
        this.config = config;
        this.ps = new ParameterStore(manager, false);
        this.preparer = new TilePreparer(config.model().candidatesK(), config.model().cropSize(),
                config.model().backbone() == ModelConfig.Backbone.PRECOMPUTED);
    }

    /**
     * Opens a checkpoint directory written by the trainer (best epoch, else newest).
     *
     * @param device "auto", "cpu", "gpu" or "gpu:N"
     */
    public static Embedder open(Path checkpointDir, String device) throws IOException {
        return open(checkpointDir, device, false);
    }

    /**
     * @param newest serve the newest epoch rather than the best validation epoch (a benchmark on small sections,
     *     where the validation recall of a dozen tiles is too noisy to pick an epoch by)
     */
    public static Embedder open(Path checkpointDir, String device, boolean newest) throws IOException {
        Checkpoints cp = new Checkpoints(checkpointDir);
        TrainingConfig config = cp.readConfig().orElseThrow(
                () -> new IOException("no config.json in " + checkpointDir));
        DatasetInfo info = cp.readDataset();
        Device d = DeviceSelector.select(device);
        org.sigmma.model.train.EngineThreads.apply(config.runtime().cpuThreads());
        NDManager manager = NDManager.newBaseManager(d);
        try {
            Engine.getInstance().setRandomSeed((int) config.runtime().seed());
            SigmmaNet net = SigmmaNet.create(config.model(), info.featureDim(), info.cropFeatureDim(),
                    manager);
            Path params = newest ? cp.latest().map(e -> e.resolve("model.params"))
                    .orElseThrow(() -> new IOException("no checkpoint in " + checkpointDir)) : cp.servingParams();
            Checkpoints.readParams(params, net, manager);
            return new Embedder(net, config, manager, info, true);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The model as initialised before any training (the weights the configuration's seed draws): the
     * "image encoder before alignment" baseline of the evaluation.
     */
    public static Embedder untrained(TrainingConfig config, DatasetInfo info, String device) throws IOException {
        Device d = DeviceSelector.select(device);
        org.sigmma.model.train.EngineThreads.apply(config.runtime().cpuThreads());
        NDManager manager = NDManager.newBaseManager(d);
        try {
            Engine.getInstance().setRandomSeed((int) config.runtime().seed());
            SigmmaNet net = SigmmaNet.create(config.model(), info.featureDim(), info.cropFeatureDim(), manager);
            return new Embedder(net, config, manager, info, true);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public SigmmaNet net() {
        return net;
    }

    /** Embeds tiles read from a source. */
    public Result embed(TileSource source, List<String> tileIds, Options options,
            DoubleConsumer progress) {
        List<TileEmbedding> out = new ArrayList<>(tileIds.size());
        EdgeStats[] stats = {new EdgeStats(), new EdgeStats()};
        int bs = config.optimiser().batchSize();
        for (int start = 0; start < tileIds.size(); start += bs) {
            List<String> ids = tileIds.subList(start, Math.min(tileIds.size(), start + bs));
            PreparedTile[] tiles = new PreparedTile[ids.size()];
            int n = Math.max(1, options.padCells());
            for (int i = 0; i < tiles.length; i++) {
                tiles[i] = preparer.prepare(source.load(ids.get(i)));
                n = Math.max(n, tiles[i].nCells());
            }
            BatchShape shape = BatchShape.of(n, config.model().candidatesK(), info.featureDim(),
                    config.model().cropSize(), info.cropFeatureDim());
            embedBatch(Batch.assemble(shape, tiles), options, out, stats);
            if (progress != null) {
                progress.accept((double) out.size() / tileIds.size());
            }
        }
        return new Result(out, stats[0], stats[1]);
    }

    private void embedBatch(Batch b, Options o, List<TileEmbedding> out, EdgeStats[] stats) {
        try (NDScope scope = new NDScope()) {
            ModelInput in = ModelInput.of(b, manager);
            ModelOutput res = net.forward(ps, in, false, 1f, o.addedEdgesOff());
            int bs = b.size();
            float[][][] image = host(res.zImage(), bs);
            float[][][] spot = host(res.zSpot(), bs);
            for (int s = 0; s < 3; s++) {
                if (!trained(s)) {
                    spot[s] = null;
                }
            }
            float[][][] cells = new float[3][][];
            int hidden = config.model().hidden();
            if (o.cells() && res.st().cells()[0] != null) {
                for (int s = 0; s < 3; s++) {
                    cells[s] = split(res.st().cells()[s].toFloatArray(), bs,
                            b.shape().cells() * hidden);
                }
            }
            float[][] logits = new float[2][];
            for (int step = 0; step < 2; step++) {
                NDArray l = res.st().logits()[step];
                if (l != null) {
                    logits[step] = l.toFloatArray();
                }
            }
            int n = b.shape().cells();
            int[] slots = {b.shape().mesoSlots(), b.shape().macroSlots()};
            float[][] masks = {b.mesoMask(), b.macroMask()};
            long[][] index = {b.mesoIndex(), b.macroIndex()};
            for (int t = 0; t < bs; t++) {
                int c = b.nCells()[t];
                List<LearnedEdge> edges = new ArrayList<>();
                for (int step = 0; step < 2; step++) {
                    if (logits[step] == null) {
                        continue;
                    }
                    int k = slots[step];
                    for (int u = 0; u < c; u++) {
                        for (int slot = 0; slot < k; slot++) {
                            int e = ((t * n) + u) * k + slot;
                            if (masks[step][e] == 0f) {
                                continue;
                            }
                            float logit = logits[step][e];
                            stats[step].add(logit);
                            if (o.candidates() != null) {
                                o.candidates().candidate(b.tileIds()[t], STEPS[step], u,
                                        (int) (index[step][e] - (long) t * n), logit);
                            }
                            if (o.edges() && logit > 0) {
                                int v = (int) (index[step][e] - (long) t * n);
                                float p = (float) (1 / (1 + Math.exp(-logit)));
                                edges.add(new LearnedEdge(u, v, p, STEPS[step]));
                            }
                        }
                    }
                }
                float[][] cellRows = null;
                if (cells[0] != null) {
                    cellRows = new float[3][];
                    for (int s = 0; s < 3; s++) {
                        cellRows[s] = java.util.Arrays.copyOf(cells[s][t], c * hidden);
                    }
                }
                out.add(new TileEmbedding(b.tileIds()[t], c, pick(image, t), pick(spot, t),
                        cellRows, hidden, edges));
            }
        }
    }

    private boolean trained(int scale) {
        for (int s : config.model().lossScales()) {
            if (s == scale) {
                return true;
            }
        }
        return false;
    }

    private static float[][][] host(NDArray[] z, int bs) {
        float[][][] out = new float[3][][];
        for (int s = 0; s < 3; s++) {
            if (z[s] != null) {
                NDArray normed = org.sigmma.model.loss.InfoNce.normalize(z[s]);
                out[s] = split(normed.toFloatArray(), bs, (int) z[s].getShape().get(1));
            }
        }
        return out;
    }

    private static float[][] pick(float[][][] perScale, int t) {
        float[][] out = new float[3][];
        for (int s = 0; s < 3; s++) {
            out[s] = perScale[s] == null ? null : perScale[s][t];
        }
        return out;
    }

    private static float[][] split(float[] flat, int rows, int width) {
        float[][] out = new float[rows][width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * width, out[r], 0, width);
        }
        return out;
    }

    /** Whether the served model has an edge scorer (learned edges to report). */
    public boolean learnsEdges() {
        return config.model().learnsEdges();
    }

    @Override
    public void close() {
        if (owns) {
            net.close();
            manager.close();
        }
    }
}
