package org.sigmma.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What a microenvironment clustering runs on, and so which Cell properties it reads and writes: the expression
 * features stored at ingest (before any training), or a trained run's cell embeddings at one {@link Scale}.
 * {@link #id()} is the value of {@code --scale} and of the REST {@code scale} parameter, and is stored as
 * {@code Cluster.scale}.
 *
 * <p>Seam for niche features (issue 15, {@code clusters --features niche --scale meso}): add a {@code Niche(Scale)}
 * record to the {@code permits} list with its own id and properties, list it in {@link #all()}, and give
 * {@link #parse(String)} a {@code features} argument beside the scale; callers, the cluster queries' templates and the schema's
 * indexes then follow from {@link #featureProperty()} and {@link #clusterProperty()}.
 */
public sealed interface FeatureSource permits FeatureSource.Expression, FeatureSource.Embedding {

    /** The expression features stored at ingest (Cell.features). */
    FeatureSource EXPRESSION = new Expression();

    /** The stored name: "expression", or the scale's id for an embedding. */
    String id();

    /** The Cell property clustered ({@code features}, {@code zMicro}, ...). */
    String featureProperty();

    /** The Cell property that holds each cell's cluster id ({@code clusterExpression}, {@code clusterMicro}, ...). */
    String clusterProperty();

    /** Whether a trained run must have written its embeddings back before this source exists. */
    default boolean needsEmbeddings() {
        return this instanceof Embedding;
    }

    static FeatureSource embedding(Scale scale) {
        return new Embedding(scale);
    }

    /** Expression first, then the embeddings in scale order: the order of choices, exports and the schema. */
    static List<FeatureSource> all() {
        List<FeatureSource> out = new ArrayList<>();
        out.add(EXPRESSION);
        for (Scale s : Scale.values()) {
            out.add(embedding(s));
        }
        return List.copyOf(out);
    }

    /** The ids of {@link #all()} ("expression", "micro", "meso", "macro"). */
    static List<String> ids() {
        return all().stream().map(FeatureSource::id).toList();
    }

    /** The source a {@code --scale} value names: "expression" or a scale's id. */
    static FeatureSource parse(String scale) {
        for (FeatureSource f : all()) {
            if (f.id().equals(scale)) {
                return f;
            }
        }
        throw new IllegalArgumentException("scale must be expression, micro, meso or macro, not '" + scale + "'");
    }

    /** Expression features: Cell.features, clusters in Cell.clusterExpression. */
    record Expression() implements FeatureSource {
        @Override
        public String id() {
            return "expression";
        }

        @Override
        public String featureProperty() {
            return "features";
        }

        @Override
        public String clusterProperty() {
            return "clusterExpression";
        }
    }

    /** A run's cell embeddings at one scale: Cell.z&lt;Scale&gt;, clusters in Cell.cluster&lt;Scale&gt;. */
    record Embedding(Scale scale) implements FeatureSource {
        @Override
        public String id() {
            return scale.id();
        }

        @Override
        public String featureProperty() {
            return scale.cellEmbeddingProperty();
        }

        @Override
        public String clusterProperty() {
            return scale.clusterProperty();
        }
    }
}
