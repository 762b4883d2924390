package org.sigmma.model.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.sigmma.model.st.EdgeSampler;

/**
 * Every hyper-parameter of a training run. {@link #defaults()} holds docs/method.md's "settings that
 * learned at the first try"; JSON (Jackson) gives the file form, where missing keys keep their
 * defaults and unknown keys are an error.
 *
 * @param seed seeds weights, batch order and edge samples
 * @param epochs passes over the train split
 * @param batchSize tiles per step (and InfoNCE negatives)
 * @param learningRate AdamW peak learning rate
 * @param weightDecay AdamW decoupled weight decay
 * @param warmupFraction share of the steps spent warming up linearly before the cosine decay
 * @param gradientClipNorm global gradient norm cap, 0 for none
 * @param hidden cell embedding width H
 * @param projection tile embedding width P
 * @param scorerHidden edge scorer hidden width
 * @param candidatesK candidates per cell and step; 0 or less for all pairs of the block
 * @param gumbelTau Gumbel temperature at the first epoch
 * @param gumbelTauEnd Gumbel temperature at the last epoch (geometric annealing in between)
 * @param edgeSampling "soft" (relaxed sample as weight) or "hard-st" (straight-through)
 * @param keepRateWeight weight of the keep-rate term {@code (mean s_uv - target)^2}, 0 for none
 * @param keepRateTarget target mean edge score for that term
 * @param scorerGeometry the edge scorer also reads the pair's distance (not only the two embeddings)
 * @param sageDepth SAGE layers per scale, each over that scale's graph (the paper: 1)
 * @param edgeDropout share of the graph's edges dropped at random in each training step (DropEdge), 0 for none
 * @param initialTemperature InfoNCE temperature at the start (logit scale 1/T, learnable)
 * @param maxLogitScale cap on the logit scale
 * @param backbone "cnn", "torchscript" or "precomputed"
 * @param backbonePath the TorchScript file when backbone is "torchscript"
 * @param fineTuneBackbone train the TorchScript backbone's weights (else frozen)
 * @param cropSize backbone input side in pixels
 * @param cnnChannels channels of the CNN's layers
 * @param noGraph ablation: cells as a set
 * @param singleScale ablation: macro loss only
 * @param noSparsification ablation: all candidates of a block joined with weight 1
 * @param model "sigmma" or "bleep" (BLEEP-like baseline)
 * @param device "auto" (GPU when DJL sees one), "cpu", "gpu" or "gpu:N"
 * @param patience epochs without a better validation Recall@10% HE->ST before stopping, 0 never
 * @param prefetch batches prepared ahead
 * @param cacheMegabytes prepared tiles kept in memory up to this size
 * @param padCells cells per padded tile, 0 for the dataset's largest tile
 * @param progressSeconds seconds between progress lines
 * @param cpuThreads libtorch intra-op CPU threads, 0 for the engine default (one per core)
 */
public record TrainingConfig(
        long seed,
        int epochs,
        int batchSize,
        double learningRate,
        double weightDecay,
        double warmupFraction,
        double gradientClipNorm,
        int hidden,
        int projection,
        int scorerHidden,
        int candidatesK,
        double gumbelTau,
        double gumbelTauEnd,
        String edgeSampling,
        double keepRateWeight,
        double keepRateTarget,
        boolean scorerGeometry,
        int sageDepth,
        double edgeDropout,
        double initialTemperature,
        double maxLogitScale,
        String backbone,
        String backbonePath,
        boolean fineTuneBackbone,
        int cropSize,
        List<Integer> cnnChannels,
        boolean noGraph,
        boolean singleScale,
        boolean noSparsification,
        String model,
        String device,
        int patience,
        int prefetch,
        int cacheMegabytes,
        int padCells,
        double progressSeconds,
        int cpuThreads) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public TrainingConfig {
        require(epochs >= 1, "epochs", "must be >= 1, was " + epochs);
        require(batchSize >= 2, "batchSize", "must be >= 2 (InfoNCE needs negatives), was "
                + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate",
                "must be > 0, was " + learningRate);
        require(weightDecay >= 0, "weightDecay", "must be >= 0, was " + weightDecay);
        require(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction",
                "must be in [0, 1), was " + warmupFraction);
        require(gradientClipNorm >= 0, "gradientClipNorm", "must be >= 0");
        require(hidden >= 1 && projection >= 1 && scorerHidden >= 1, "hidden/projection/"
                + "scorerHidden", "must be >= 1");
        require(gumbelTau > 0 && gumbelTauEnd > 0, "gumbelTau", "must be > 0");
        require(edgeSampling != null && (edgeSampling.equals("soft")
                || edgeSampling.equals("hard-st")), "edgeSampling",
                "must be \"soft\" or \"hard-st\", was " + edgeSampling);
        require(keepRateWeight >= 0, "keepRateWeight", "must be >= 0");
        require(keepRateTarget > 0 && keepRateTarget < 1, "keepRateTarget",
                "must be in (0, 1), was " + keepRateTarget);
        require(sageDepth >= 1, "sageDepth", "must be >= 1, was " + sageDepth);
        require(edgeDropout >= 0 && edgeDropout < 1, "edgeDropout", "must be in [0, 1), was " + edgeDropout);
        require(initialTemperature > 0, "initialTemperature", "must be > 0");
        require(maxLogitScale >= 1, "maxLogitScale", "must be >= 1");
        require(backbone != null && List.of("cnn", "torchscript", "precomputed")
                .contains(backbone), "backbone",
                "must be cnn, torchscript or precomputed, was " + backbone);
        require(!backbone.equals("torchscript") || backbonePath != null, "backbonePath",
                "is required with backbone torchscript");
        require(cropSize >= 4, "cropSize", "must be >= 4, was " + cropSize);
        require(cnnChannels != null && !cnnChannels.isEmpty(), "cnnChannels", "must not be empty");
        require(model != null && (model.equals("sigmma") || model.equals("bleep")), "model",
                "must be sigmma or bleep, was " + model);
        require(device != null, "device", "must not be null");
        require(patience >= 0, "patience", "must be >= 0");
        require(prefetch >= 1, "prefetch", "must be >= 1");
        require(padCells >= 0, "padCells", "must be >= 0");
        require(cpuThreads >= 0, "cpuThreads", "must be >= 0");
        cnnChannels = List.copyOf(cnnChannels);
    }

    /**
     * docs/method.md's settings that learned at the first try, with one change the evidence chose on validation tiles
     * (docs/method.md, "Learned edges: planted truth and the default sampler"): a keep-rate term of weight 1 with its
     * target at the evaluation threshold 0.5, so that the scorer keeps a share of the candidates instead of all.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(42, 12, 32, 2e-3, 1e-4, 0.1, 0, 64, 64, 32, 16, 0.5, 0.5,
                "soft", 1.0, 0.5, false, 1, 0, 0.07, 100, "cnn", null, false, 32, List.of(16, 32, 64, 64),
                false, false, false, "sigmma", "auto", 4, 2, 1024, 0, 10, 0);
    }

    /** Whether the model learns edges (has a scorer). */
    public boolean learnsEdges() {
        return model.equals("sigmma") && !noGraph && !noSparsification;
    }

    /** Scales that enter the loss: 0 micro, 1 meso, 2 macro. */
    public int[] lossScales() {
        return singleScale || model.equals("bleep") ? new int[] {2} : new int[] {0, 1, 2};
    }

    /** The edge sampling mode as an enum. */
    public EdgeSampler.Mode samplingMode() {
        return edgeSampling.equals("hard-st") ? EdgeSampler.Mode.HARD_STRAIGHT_THROUGH
                : EdgeSampler.Mode.SOFT;
    }

    /** Gumbel temperature at an epoch (0-based): geometric from gumbelTau to gumbelTauEnd. */
    public float tauAt(int epoch) {
        if (epochs == 1) {
            return (float) gumbelTau;
        }
        double f = (double) epoch / (epochs - 1);
        return (float) (gumbelTau * Math.pow(gumbelTauEnd / gumbelTau, f));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a configuration; absent keys keep their default values. */
    public static TrainingConfig fromJson(String json) {
        return defaults().with(json);
    }

    /** This configuration with the keys of a JSON object replaced. */
    public TrainingConfig with(String json) {
        try {
            JsonNode patch = JSON.readTree(json);
            if (patch == null || !patch.isObject()) {
                throw new IllegalArgumentException("training config must be a JSON object");
            }
            return merge((ObjectNode) patch);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("training config is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** This configuration with some keys replaced, e.g. {@code with(Map.of("epochs", 3))}. */
    public TrainingConfig with(Map<String, ?> overrides) {
        return merge(JSON.valueToTree(overrides));
    }

    private TrainingConfig merge(ObjectNode patch) {
        ObjectNode base = JSON.valueToTree(this);
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!base.has(key)) {
                throw new IllegalArgumentException("training config: unknown key \"" + key
                        + "\"; known keys: " + base.properties().stream().map(Map.Entry::getKey)
                        .toList());
            }
            base.set(key, patch.get(key));
        }
        try {
            return JSON.treeToValue(base, TrainingConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("training config: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            Throwable c = e;
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
            throw new IllegalArgumentException(c.getMessage(), e);
        }
    }

    private static void require(boolean ok, String field, String what) {
        if (!ok) {
            throw new IllegalArgumentException("training config: " + field + " " + what);
        }
    }
}
