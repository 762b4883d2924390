package org.sigmma.model.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.sigmma.model.st.EdgeSampler;

/**
 * What the network is: its widths, its graph encoder and edge scorer, its H&amp;E backbone and the ablation switches
 * (docs/method.md, "Settings"). The training config file spells the fields flat, with the architecture under the key
 * {@code model}.
 *
 * @param architecture SIGMMA or the BLEEP-like baseline
 * @param hidden cell embedding width H
 * @param projection tile embedding width P
 * @param scorerHidden edge scorer hidden width
 * @param candidatesK candidates per cell and step; 0 or less for all pairs of the block
 * @param edgeSampling how training samples the edges (relaxed sample as weight, or straight-through)
 * @param scorerGeometry the edge scorer also reads the pair's distance (not only the two embeddings)
 * @param sageDepth SAGE layers per scale, each over that scale's graph (the paper: 1)
 * @param edgeDropout share of the graph's edges dropped at random in each training step (DropEdge), 0 for none
 * @param initialTemperature InfoNCE temperature at the start (logit scale 1/T, learnable)
 * @param maxLogitScale cap on the logit scale
 * @param backbone the H&amp;E backbone
 * @param backbonePath the TorchScript file when the backbone is TorchScript
 * @param fineTuneBackbone train the TorchScript backbone's weights (else frozen)
 * @param cropSize backbone input side in pixels
 * @param cnnChannels channels of the CNN's layers
 * @param noGraph ablation: cells as a set
 * @param singleScale ablation: macro loss only
 * @param noSparsification ablation: all candidates of a block joined with weight 1
 */
public record ModelConfig(
        @JsonProperty("model") Architecture architecture,
        int hidden,
        int projection,
        int scorerHidden,
        int candidatesK,
        EdgeSampler.Mode edgeSampling,
        boolean scorerGeometry,
        int sageDepth,
        double edgeDropout,
        double initialTemperature,
        double maxLogitScale,
        Backbone backbone,
        String backbonePath,
        boolean fineTuneBackbone,
        int cropSize,
        List<Integer> cnnChannels,
        boolean noGraph,
        boolean singleScale,
        boolean noSparsification) {

    /** The ST side of the model; {@link #key()} is the name in a training config file. */
    public enum Architecture {
        SIGMMA("sigmma"), BLEEP("bleep");

        private final String key;

        Architecture(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        @JsonCreator
        public static Architecture of(String key) {
            for (Architecture a : values()) {
                if (a.key.equals(key)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("training config: model must be sigmma or bleep, was " + key);
        }
    }

    /** The H&amp;E backbone; {@link #key()} is the name in a training config file. */
    public enum Backbone {
        CNN("cnn"), TORCHSCRIPT("torchscript"), PRECOMPUTED("precomputed");

        private final String key;

        Backbone(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        @JsonCreator
        public static Backbone of(String key) {
            for (Backbone b : values()) {
                if (b.key.equals(key)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("training config: backbone must be cnn, torchscript or precomputed, was "
                    + key);
        }
    }

    public ModelConfig {
        require(architecture != null, "model", "must be sigmma or bleep");
        require(hidden >= 1 && projection >= 1 && scorerHidden >= 1, "hidden/projection/scorerHidden", "must be >= 1");
        require(edgeSampling != null, "edgeSampling", "must be \"soft\" or \"hard-st\"");
        require(sageDepth >= 1, "sageDepth", "must be >= 1, was " + sageDepth);
        require(edgeDropout >= 0 && edgeDropout < 1, "edgeDropout", "must be in [0, 1), was " + edgeDropout);
        require(initialTemperature > 0, "initialTemperature", "must be > 0");
        require(maxLogitScale >= 1, "maxLogitScale", "must be >= 1");
        require(backbone != null, "backbone", "must be cnn, torchscript or precomputed");
        require(backbone != Backbone.TORCHSCRIPT || backbonePath != null, "backbonePath",
                "is required with backbone torchscript");
        require(cropSize >= 4, "cropSize", "must be >= 4, was " + cropSize);
        require(cnnChannels != null && !cnnChannels.isEmpty(), "cnnChannels", "must not be empty");
        cnnChannels = List.copyOf(cnnChannels);
    }

    /** docs/method.md's settings that learned at the first try. */
    public static ModelConfig defaults() {
        return new ModelConfig(Architecture.SIGMMA, 64, 64, 32, 16, EdgeSampler.Mode.SOFT, false, 1, 0, 0.07, 100,
                Backbone.CNN, null, false, 32, List.of(16, 32, 64, 64), false, false, false);
    }

    /** Whether the model learns edges (has a scorer). */
    @JsonIgnore
    public boolean learnsEdges() {
        return architecture == Architecture.SIGMMA && !noGraph && !noSparsification;
    }

    /** Scales that enter the loss: 0 micro, 1 meso, 2 macro. */
    @JsonIgnore
    public int[] lossScales() {
        return singleScale || architecture == Architecture.BLEEP ? new int[] {2} : new int[] {0, 1, 2};
    }

    static void require(boolean ok, String field, String what) {
        if (!ok) {
            throw new IllegalArgumentException("training config: " + field + " " + what);
        }
    }
}
