package org.sigmma.model.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.sigmma.model.net.ModelConfig;

/**
 * Every setting of a training run, in three parts: what the network is ({@link ModelConfig}), how it is trained
 * ({@link OptimiserConfig}) and where it runs ({@link RuntimeConfig}). {@link #defaults()} holds docs/method.md's
 * settings. The file form (JSON, Jackson) and {@code --set} name every field flat, one namespace for the three parts;
 * missing keys keep their defaults and unknown keys are an error.
 */
public record TrainingConfig(ModelConfig model, OptimiserConfig optimiser, RuntimeConfig runtime) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public TrainingConfig {
        require(model != null && optimiser != null && runtime != null, "parts", "must not be null");
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(ModelConfig.defaults(), OptimiserConfig.defaults(), RuntimeConfig.defaults());
    }

    /** The same settings with another model part. */
    public TrainingConfig withModel(ModelConfig m) {
        return new TrainingConfig(m, optimiser, runtime);
    }

    /** The flat JSON form (the keys of the three parts in one object). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(flat());
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
            throw new IllegalArgumentException("training config is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** This configuration with some keys replaced, e.g. {@code with(Map.of("epochs", 3))}. */
    public TrainingConfig with(Map<String, ?> overrides) {
        return merge(JSON.valueToTree(overrides));
    }

    private ObjectNode flat() {
        ObjectNode all = JSON.createObjectNode();
        for (Object part : List.of(model, optimiser, runtime)) {
            all.setAll((ObjectNode) JSON.valueToTree(part));
        }
        return all;
    }

    private TrainingConfig merge(ObjectNode patch) {
        ObjectNode m = JSON.valueToTree(model);
        ObjectNode o = JSON.valueToTree(optimiser);
        ObjectNode r = JSON.valueToTree(runtime);
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            ObjectNode part = m.has(key) ? m : o.has(key) ? o : r.has(key) ? r : null;
            if (part == null) {
                List<String> known = new ArrayList<>();
                flat().fieldNames().forEachRemaining(known::add);
                throw new IllegalArgumentException("training config: unknown key \"" + key + "\"; known keys: " + known);
            }
            part.set(key, patch.get(key));
        }
        try {
            return new TrainingConfig(JSON.treeToValue(m, ModelConfig.class), JSON.treeToValue(o, OptimiserConfig.class),
                    JSON.treeToValue(r, RuntimeConfig.class));
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

    static void require(boolean ok, String field, String what) {
        if (!ok) {
            throw new IllegalArgumentException("training config: " + field + " " + what);
        }
    }
}
