package org.sigmma.model.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.TrainingProgress;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.RunRepository;

/**
 * A training run's lifecycle on the graph, the one home for it (the command line, the benchmark, the demo through the
 * command line, and the crash tests): the (:Run) node RUNNING with its config and checkpoint folder, every epoch's
 * metrics written as the epoch ends, then DONE with a summary or FAILED with the error and the epochs it finished. A
 * process that stops meanwhile leaves it RUNNING, and the store's start marks it INTERRUPTED; training the same run id
 * again resumes from its last checkpoint.
 */
public final class TrainingRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunRepository runs;
    private final String id;
    private final String kind;
    private final List<String> sections;

    /**
     * @param kind what the run is for ("train", "benchmark", ...), kept on the node
     */
    public TrainingRun(GraphAccess access, String id, String kind, List<String> sections) {
        this.runs = new RunRepository(access);
        this.id = id;
        this.kind = kind;
        this.sections = List.copyOf(sections);
    }

    public String id() {
        return id;
    }

    /** Trains into {@code checkpoints}, telling {@code listener} of every step and epoch as the trainer does. */
    public TrainingResult train(TrainingConfig config, TileSource source, Path checkpoints, TrainingListener listener)
            throws IOException {
        runs.start(id, kind, sections, config.toJson(), checkpoints.toString());
        List<Map<String, Object>> epochs = new ArrayList<>();
        TrainingResult result;
        try {
            result = new SigmmaTrainer(config, source, checkpoints).train(new TrainingListener() {
                @Override
                public void onStep(TrainingProgress p) {
                    listener.onStep(p);
                }

                @Override
                public void onEpoch(Map<String, Object> metrics) {
                    epochs.add(metrics);
                    runs.metrics(id, json(Map.of("epochs", epochs)));
                    listener.onEpoch(metrics);
                }
            });
        } catch (RuntimeException | IOException | Error e) {
            runs.finish(id, "FAILED", json(Map.of("epochs", epochs, "error", String.valueOf(e.getMessage()))));
            throw e;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("epochs", result.epochs());
        summary.put("bestEpoch", result.bestEpoch());
        summary.put("bestValRecall", result.bestRecall());
        summary.put("stopReason", result.stopReason());
        summary.put("device", result.device());
        runs.finish(id, "DONE", json(summary));
        return result;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
