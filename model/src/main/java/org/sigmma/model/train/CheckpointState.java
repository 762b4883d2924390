package org.sigmma.model.train;

import java.util.List;
import java.util.Map;

/**
 * Where a run stands after an epoch, saved with its checkpoint.
 *
 * @param epochsDone completed epochs
 * @param steps optimizer steps taken
 * @param bestRecall best validation Recall@10% HE->ST so far (NaN without validation)
 * @param bestEpoch the epoch (1-based) that reached it, 0 if none
 * @param sinceBest epochs since it
 * @param metrics metrics of every completed epoch
 */
public record CheckpointState(int epochsDone, int steps, double bestRecall, int bestEpoch,
        int sinceBest, List<Map<String, Object>> metrics) {}
