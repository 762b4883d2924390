package org.sigmma.model.train;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate with a linear warm-up over the first steps, then a cosine decay to zero at the
 * last step (the one-cycle shape of docs/method.md's reference run).
 */
public final class WarmupCosine implements Tracker {

    private final float peak;
    private final int warmupSteps;
    private final int totalSteps;

    /**
     * @param peak the learning rate at the end of the warm-up
     * @param totalSteps optimizer steps of the whole run
     * @param warmupFraction share of them spent warming up
     */
    public WarmupCosine(float peak, int totalSteps, double warmupFraction) {
        this.peak = peak;
        this.totalSteps = Math.max(1, totalSteps);
        this.warmupSteps = (int) Math.ceil(warmupFraction * this.totalSteps);
    }

    /** @param numUpdate 1-based optimizer step */
    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate <= warmupSteps) {
            return peak * numUpdate / warmupSteps;
        }
        int decay = totalSteps - warmupSteps;
        double progress = Math.min(1.0, (double) (numUpdate - warmupSteps) / Math.max(1, decay));
        return (float) (peak * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
