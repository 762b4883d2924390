package org.sigmma.model.train;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How the network is trained: the schedule, AdamW, the loss's keep-rate term, the Gumbel temperature and early
 * stopping (docs/method.md, "Settings").
 *
 * @param epochs passes over the train split
 * @param batchSize tiles per step (and InfoNCE negatives)
 * @param learningRate AdamW peak learning rate
 * @param weightDecay AdamW decoupled weight decay
 * @param warmupFraction share of the steps spent warming up linearly before the cosine decay
 * @param gradientClipNorm global gradient norm cap, 0 for none
 * @param gumbelTau Gumbel temperature at the first epoch
 * @param gumbelTauEnd Gumbel temperature at the last epoch (geometric annealing in between)
 * @param keepRateWeight weight of the keep-rate term {@code (mean s_uv - target)^2}, 0 for none
 * @param keepRateTarget target mean edge score for that term
 * @param patience epochs without a better validation Recall@10% HE->ST before stopping, 0 never
 */
public record OptimiserConfig(
        int epochs,
        int batchSize,
        double learningRate,
        double weightDecay,
        double warmupFraction,
        double gradientClipNorm,
        double gumbelTau,
        double gumbelTauEnd,
        double keepRateWeight,
        double keepRateTarget,
        int patience) {

    public OptimiserConfig {
        TrainingConfig.require(epochs >= 1, "epochs", "must be >= 1, was " + epochs);
        TrainingConfig.require(batchSize >= 2, "batchSize", "must be >= 2 (InfoNCE needs negatives), was " + batchSize);
        TrainingConfig.require(learningRate > 0 && Double.isFinite(learningRate), "learningRate",
                "must be > 0, was " + learningRate);
        TrainingConfig.require(weightDecay >= 0, "weightDecay", "must be >= 0, was " + weightDecay);
        TrainingConfig.require(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction",
                "must be in [0, 1), was " + warmupFraction);
        TrainingConfig.require(gradientClipNorm >= 0, "gradientClipNorm", "must be >= 0");
        TrainingConfig.require(gumbelTau > 0 && gumbelTauEnd > 0, "gumbelTau", "must be > 0");
        TrainingConfig.require(keepRateWeight >= 0, "keepRateWeight", "must be >= 0");
        TrainingConfig.require(keepRateTarget > 0 && keepRateTarget < 1, "keepRateTarget",
                "must be in (0, 1), was " + keepRateTarget);
        TrainingConfig.require(patience >= 0, "patience", "must be >= 0");
    }

    /**
     * docs/method.md's settings that learned at the first try, with the keep-rate term the evidence chose on
     * validation tiles (weight 1, target at the evaluation threshold 0.5; docs/method.md, "The default, and why").
     */
    public static OptimiserConfig defaults() {
        return new OptimiserConfig(12, 32, 2e-3, 1e-4, 0.1, 0, 0.5, 0.5, 1.0, 0.5, 4);
    }

    /** Gumbel temperature at an epoch (0-based): geometric from gumbelTau to gumbelTauEnd. */
    @JsonIgnore
    public float tauAt(int epoch) {
        if (epochs == 1) {
            return (float) gumbelTau;
        }
        double f = (double) epoch / (epochs - 1);
        return (float) (gumbelTau * Math.pow(gumbelTauEnd / gumbelTau, f));
    }
}
