package org.sigmma.model.train;

import java.util.Map;

/**
 * Hears a training run's steps and epochs, as DJL's TrainingListener does (the trainer also logs them through slf4j).
 * Long jobs that are not trainings report through {@code org.sigmma.progress.TrainingListener}.
 */
public interface TrainingListener {

    /** After every optimizer step. */
    default void onStep(TrainingProgress progress) {}

    /** After every epoch, with its metrics. */
    default void onEpoch(Map<String, Object> metrics) {}

    TrainingListener NONE = new TrainingListener() {};
}
