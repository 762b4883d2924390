package org.sigmma.model.train;

import java.util.Map;

/** Hears a training run's progress (the trainer also logs it through slf4j). */
public interface ProgressListener {

    /** After every optimizer step. */
    default void onStep(TrainingProgress progress) {}

    /** After every epoch, with its metrics. */
    default void onEpoch(Map<String, Object> metrics) {}

    ProgressListener NONE = new ProgressListener() {};
}
