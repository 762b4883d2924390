package org.sigmma.model.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training run gives back.
 *
 * @param config the configuration it ran with
 * @param epochs metrics per completed epoch (plain maps: numbers and strings)
 * @param checkpointDir the run's checkpoint directory
 * @param bestEpoch the epoch with the best validation Recall@10% HE->ST (0 if none)
 * @param bestRecall that recall (NaN without validation tiles)
 * @param stopReason "completed", "early stop" or "resumed complete"
 * @param device the device it trained on
 */
public record TrainingResult(TrainingConfig config, List<Map<String, Object>> epochs,
        Path checkpointDir, int bestEpoch, double bestRecall, String stopReason, String device) {}
