package org.sigmma.model.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sigmma.model.data.Batch;
import org.sigmma.model.data.BatchShape;
import org.sigmma.model.data.BatchSource;
import org.sigmma.model.data.TilePreparer;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.eval.Retrieval;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.infer.TileEmbedding;
import org.sigmma.model.net.ModelConfig;
import org.sigmma.model.net.SigmmaNet;
import org.sigmma.schema.Scale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the model on the train split of a {@link TileSource}: AdamW with warm-up and cosine
 * decay, a checkpoint after every epoch (resumed when the directory already holds one), a guard
 * that stops on a non-finite loss or gradient, validation retrieval and edge diagnostics after
 * every epoch, and early stopping on validation Recall@10% HE->ST.
 *
 * <p>Everything of a step lives on the chosen device; the step's only device-to-host read is one
 * small vector (loss terms and gradient norm) for the guard and the progress line.
 */
public final class SigmmaTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SigmmaTrainer.class);
    private static final String[] SCALES = Scale.ids().toArray(String[]::new);
    /** Keys that may change when a run is resumed. */
    private static final Set<String> RESUMABLE_KEYS = Set.of("epochs", "patience", "device",
            "prefetch", "cacheMegabytes", "progressSeconds", "cpuThreads");

    private final TrainingConfig config;
    private final TileSource source;
    private final Checkpoints checkpoints;

    /**
     * @param config hyper-parameters
     * @param source tiles; the train split trains, the validation split selects and stops
     * @param checkpointDir where checkpoints go (and where a killed run is resumed from)
     */
    public SigmmaTrainer(TrainingConfig config, TileSource source, Path checkpointDir) {
        this.config = config;
        this.source = source;
        this.checkpoints = new Checkpoints(checkpointDir);
    }

    /** Trains (or resumes) and returns the metrics of every epoch. */
    public TrainingResult train(TrainingListener listener) throws IOException {
        List<String> trainIds = source.tileIds(TileSource.TRAIN);
        List<String> valIds = source.tileIds(TileSource.VALIDATION);
        if (trainIds.size() < 2) {
            throw new IllegalArgumentException("the train split has " + trainIds.size()
                    + " tile(s); contrastive training needs at least 2");
        }
        TileSample first = source.load(trainIds.get(0));
        boolean precomputed = config.model().backbone() == ModelConfig.Backbone.PRECOMPUTED;
        int padCells = config.runtime().padCells() > 0 ? config.runtime().padCells() : BatchSource.maxCells(source,
                TileSource.TRAIN, TileSource.VALIDATION, TileSource.TEST);
        DatasetInfo info = new DatasetInfo(first.featureDim(),
                precomputed ? first.cropFeatureDim() : 0, padCells);
        BatchShape shape = BatchShape.of(padCells, config.model().candidatesK(), info.featureDim(),
                config.model().cropSize(), info.cropFeatureDim());
        BatchSource batches = new BatchSource(source, new TilePreparer(config.model().candidatesK(),
                config.model().cropSize(), precomputed), shape, config.optimiser().batchSize(), config.runtime().prefetch(),
                (long) config.runtime().cacheMegabytes() << 20);
        int stepsPerEpoch = batches.batchCount(trainIds.size(), true);
        Device device = DeviceSelector.select(config.runtime().device());
        Engine engine = Engine.getInstance();
        EngineThreads.apply(config.runtime().cpuThreads());
        LOG.info("training on {} ({} GPU(s) visible): {} train / {} validation tiles, N = {},"
                + " {} steps per epoch", device, engine.getGpuCount(), trainIds.size(),
                valIds.size(), padCells, stepsPerEpoch);

        try (NDManager manager = NDManager.newBaseManager(device)) {
            engine.setRandomSeed((int) config.runtime().seed());
            SigmmaNet net = SigmmaNet.create(config.model(), info.featureDim(), info.cropFeatureDim(),
                    manager);
            try (net) {
                CheckpointState state = new CheckpointState(0, 0, Double.NaN, 0, 0, List.of());
                Map<String, NDArray> moments = Map.of();
                Optional<Path> latest = checkpoints.latest();
                if (latest.isPresent()) {
                    requireResumable();
                    state = checkpoints.readState(latest.get());
                    Checkpoints.readParams(latest.get().resolve("model.params"), net, manager);
                    int[] steps = new int[1];
                    moments = checkpoints.readOptimizer(latest.get(), manager, steps);
                    LOG.info("resuming from {} after epoch {} (step {})", latest.get(),
                            state.epochsDone(), steps[0]);
                }
                checkpoints.writeRun(config, info);
                WarmupCosine schedule = new WarmupCosine((float) config.optimiser().learningRate(),
                        config.optimiser().epochs() * stepsPerEpoch, config.optimiser().warmupFraction());
                ResumableAdamW optimizer = new ResumableAdamW(schedule,
                        (float) config.optimiser().weightDecay(), state.steps());
                optimizer.restore(moments);
                return run(net, manager, batches, trainIds, valIds, info, stepsPerEpoch,
                        optimizer, schedule, state, listener);
            }
        }
    }

    private TrainingResult run(SigmmaNet net, NDManager manager, BatchSource batches,
            List<String> trainIds, List<String> valIds, DatasetInfo info, int stepsPerEpoch,
            ResumableAdamW optimizer, WarmupCosine schedule, CheckpointState state,
            TrainingListener listener) throws IOException {
        List<Map<String, Object>> history = new ArrayList<>(state.metrics());
        double bestRecall = state.bestRecall();
        int bestEpoch = state.bestEpoch();
        int sinceBest = state.sinceBest();
        String device = net.device().toString();
        if (state.epochsDone() >= config.optimiser().epochs() || stopsEarly(sinceBest, valIds)) {
            return new TrainingResult(config, history, checkpoints.dir(), bestEpoch, bestRecall,
                    "resumed complete", device);
        }
        ParameterStore ps = new ParameterStore(manager, false);
        TrainingStep stepper = new TrainingStep(net, config.optimiser(), ps, manager, optimizer,
                "the last checkpoint in " + checkpoints.dir() + " is intact");
        Engine engine = Engine.getInstance();
        int[] scales = config.model().lossScales();
        double stepSeconds = Double.NaN;
        String stopReason = "completed";
        for (int epoch = state.epochsDone(); epoch < config.optimiser().epochs(); epoch++) {
            engine.setRandomSeed((int) (config.runtime().seed() * 1_000_003L + epoch));
            float tau = config.optimiser().tauAt(epoch);
            double[] sums = new double[7];
            int steps = 0;
            long tiles = 0;
            long epochStart = System.nanoTime();
            long lastLog = epochStart;
            float lr = 0;
            try (BatchSource.Prefetcher it = batches.batches(trainIds,
                    config.runtime().seed() * 31 + epoch, true)) {
                while (it.hasNext()) {
                    Batch b = it.next();
                    lr = schedule.getNewValue(optimizer.steps() + 1);
                    // seeded per step, so that a step redone after stale memory draws what it drew the first time
                    float[] s = stepper.runRedoingOnce(b, tau, epoch, steps + 1,
                            (int) ((config.runtime().seed() * 1_000_003L + epoch) * 1_000_033L + steps));
                    for (int i = 0; i < s.length; i++) {
                        sums[i] += s[i];
                    }
                    steps++;
                    tiles += b.size();
                    long now = System.nanoTime();
                    double elapsed = (now - epochStart) / 1e9;
                    stepSeconds = elapsed / steps;
                    int left = (config.optimiser().epochs() - epoch - 1) * stepsPerEpoch + (stepsPerEpoch
                            - steps);
                    TrainingProgress p = new TrainingProgress(epoch + 1, config.optimiser().epochs(), steps,
                            stepsPerEpoch, s[0], lr, tiles / elapsed, left * stepSeconds);
                    listener.onStep(p);
                    if ((now - lastLog) / 1e9 >= config.runtime().progressSeconds()) {
                        LOG.info(p.line());
                        lastLog = now;
                    }
                }
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", epoch + 1);
            m.put("train_loss", sums[0] / steps);
            for (int s : scales) {
                m.put("train_loss_" + SCALES[s], sums[1 + s] / steps);
            }
            if (config.model().learnsEdges()) {
                m.put("train_edge_meso_mean", sums[4] / steps);
                m.put("train_edge_macro_mean", sums[5] / steps);
            }
            m.put("grad_norm", sums[6] / steps);
            m.put("learning_rate", lr);
            m.put("tau", tau);
            float[] logScale = net.logScales(ps, net.device(), false).toFloatArray();
            for (int s : scales) {
                m.put("temperature_" + SCALES[s], 1 / Math.min(Math.exp(logScale[s]),
                        config.model().maxLogitScale()));
            }
            m.put("tiles_per_second", tiles / epochSeconds);
            m.put("epoch_seconds", epochSeconds);
            boolean improved = false;
            if (!valIds.isEmpty()) {
                double recall = validate(net, manager, info, valIds, m);
                if (Double.isNaN(bestRecall) || recall > bestRecall) {
                    bestRecall = recall;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    improved = true;
                } else {
                    sinceBest++;
                }
            }
            history.add(m);
            CheckpointState next = new CheckpointState(epoch + 1, optimizer.steps(), bestRecall,
                    bestEpoch, sinceBest, history);
            Path saved = checkpoints.save(epoch + 1, net, optimizer, next, improved);
            m.put("checkpoint", saved.toString());
            double eta = (config.optimiser().epochs() - epoch - 1) * (System.nanoTime() - epochStart) / 1e9;
            LOG.info(epochLine(m, config.optimiser().epochs(), eta));
            listener.onEpoch(m);
            if (stopsEarly(sinceBest, valIds)) {
                stopReason = "early stop";
                LOG.info("early stop: validation Recall@10% HE->ST has not improved for {} epochs"
                        + " (best {} at epoch {})", sinceBest, bestRecall, bestEpoch);
                break;
            }
        }
        return new TrainingResult(config, history, checkpoints.dir(), bestEpoch, bestRecall,
                stopReason, device);
    }

    private boolean stopsEarly(int sinceBest, List<String> valIds) {
        return config.optimiser().patience() > 0 && !valIds.isEmpty() && sinceBest >= config.optimiser().patience();
    }

    /** Validation retrieval and edge diagnostics; returns macro Recall@10% HE->ST. */
    private double validate(SigmmaNet net, NDManager manager, DatasetInfo info,
            List<String> valIds, Map<String, Object> m) {
        Embedder embedder = new Embedder(net, config, manager, info);
        Embedder.Result on = embedder.embed(source, valIds, new Embedder.Options(false, false,
                false, info.padCells()), null);
        double headline = Double.NaN;
        for (int s : config.model().lossScales()) {
            float[][] he = column(on.tiles(), s, true);
            float[][] st = column(on.tiles(), s, false);
            for (int pct : new int[] {5, 10, 15}) {
                double r = Retrieval.recall(he, st, pct / 100.0);
                if (s == 2 || pct == 10) {
                    m.put("val_recall" + pct + "_he2st" + (s == 2 ? "" : "_" + SCALES[s]), r);
                }
                if (s == 2) {
                    m.put("val_recall" + pct + "_st2he", Retrieval.recall(st, he, pct / 100.0));
                }
                if (s == 2 && pct == 10) {
                    headline = r;
                }
            }
        }
        if (config.model().learnsEdges()) {
            m.putAll(on.meso().asMap(Scale.MESO.id()));
            m.putAll(on.macro().asMap(Scale.MACRO.id()));
            Embedder.Result off = embedder.embed(source, valIds, new Embedder.Options(false,
                    false, true, info.padCells()), null);
            double r = Retrieval.recall(column(off.tiles(), 2, true), column(off.tiles(), 2,
                    false), 0.10);
            m.put("val_recall10_he2st_added_edges_off", r);
            m.put("val_recall10_he2st_added_edges_effect", headline - r);
        }
        return headline;
    }

    private static float[][] column(List<TileEmbedding> tiles, int scale, boolean image) {
        float[][] out = new float[tiles.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = image ? tiles.get(i).image()[scale] : tiles.get(i).spot()[scale];
        }
        return out;
    }

    private void requireResumable() throws IOException {
        TrainingConfig saved = checkpoints.readConfig().orElseThrow(() -> new IOException(
                "checkpoint directory " + checkpoints.dir() + " has epochs but no config.json"));
        JsonNode a = Checkpoints.JSON.readTree(saved.toJson());
        JsonNode b = Checkpoints.JSON.readTree(config.toJson());
        List<String> differ = new ArrayList<>();
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!RESUMABLE_KEYS.contains(k) && !b.get(k).equals(a.get(k))) {
                differ.add(k + " (" + a.get(k) + " -> " + b.get(k) + ")");
            }
        }
        if (!differ.isEmpty()) {
            throw new IllegalStateException("checkpoint directory " + checkpoints.dir()
                    + " holds a run with another configuration: " + String.join(", ", differ)
                    + "; use a new directory to start afresh");
        }
        if (saved.optimiser().epochs() != config.optimiser().epochs()) {
            LOG.warn("resuming with {} epochs instead of {}: the learning rate schedule changes",
                    config.optimiser().epochs(), saved.optimiser().epochs());
        }
    }

    /**
     * One readable line per epoch: the loss by scale, the validation retrieval, what the learned edges do, rate and
     * ETA (every metric stays in the run's history and on the (:Run) node).
     */
    static String epochLine(Map<String, Object> m, int epochs, double etaSeconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.3f", (Integer) m.get("epoch"),
                epochs, num(m, "train_loss")));
        List<String> parts = new ArrayList<>();
        for (String s : SCALES) {
            if (m.containsKey("train_loss_" + s)) {
                parts.add(String.format(Locale.ROOT, "%s %.2f", s, num(m, "train_loss_" + s)));
            }
        }
        b.append(" (").append(String.join(", ", parts)).append(")");
        if (m.containsKey("val_recall10_he2st")) {
            b.append(String.format(Locale.ROOT, "  val R@10%% HE->ST %.3f", num(m, "val_recall10_he2st")));
        }
        if (m.containsKey("edge_meso_keep")) {
            b.append(String.format(Locale.ROOT, "  edges kept meso %.0f%%, macro %.0f%%; switched off %+.3f",
                    100 * num(m, "edge_meso_keep"), 100 * num(m, "edge_macro_keep"),
                    -num(m, "val_recall10_he2st_added_edges_effect")));
        }
        b.append(String.format(Locale.ROOT, "  %.0f tiles/s  ETA %.0f s", num(m, "tiles_per_second"), etaSeconds));
        return b.toString();
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
