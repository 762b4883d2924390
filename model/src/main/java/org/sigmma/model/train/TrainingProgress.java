package org.sigmma.model.train;

import java.util.Locale;

/**
 * Where a run stands after a step.
 *
 * @param epoch 1-based epoch
 * @param epochs epochs planned
 * @param step 1-based step within the epoch
 * @param steps steps per epoch
 * @param loss this step's loss
 * @param learningRate this step's learning rate
 * @param tilesPerSecond training throughput so far in this epoch
 * @param etaSeconds estimated seconds left in the run (training steps only)
 */
public record TrainingProgress(int epoch, int epochs, int step, int steps, double loss,
        double learningRate, double tilesPerSecond, double etaSeconds) {

    /** One line for a terminal or a log. */
    public String line() {
        return String.format(Locale.ROOT, "epoch %d/%d step %d/%d loss %.4f lr %.2e %.1f tiles/s"
                + " ETA %s", epoch, epochs, step, steps, loss, learningRate, tilesPerSecond,
                duration(etaSeconds));
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
