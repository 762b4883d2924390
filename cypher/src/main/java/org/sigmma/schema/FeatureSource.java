package org.sigmma.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What a microenvironment clustering runs on, and so which Cell properties it reads and writes: the expression
 * features stored at ingest (before any training), or a trained run's cell embeddings at one {@link Scale}.
 * {@link #id()} is the value of {@code --scale} and of the REST {@code scale} parameter, and is stored as
 * {@code Cluster.scale}.
 *
 * <p>Niche features ({@code clusters --features niche --scale meso}, id {@code niche-meso}) are each cell's expression
 * features joined with the mean features of its NEAR-graph neighbourhood out to the scale's reach; they are computed
 * from the stored section alone, so they need no trained run.
 */
public sealed interface FeatureSource permits FeatureSource.Expression, FeatureSource.Embedding, FeatureSource.Niche {

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

    static FeatureSource niche(Scale scale) {
        return new Niche(scale);
    }

    /**
     * Expression first, then the embeddings in scale order, then the niches in scale order: the order of choices,
     * exports and the schema.
     */
    static List<FeatureSource> all() {
        List<FeatureSource> out = new ArrayList<>();
        out.add(EXPRESSION);
        for (Scale s : Scale.values()) {
            out.add(embedding(s));
        }
        for (Scale s : Scale.values()) {
            out.add(niche(s));
        }
        return List.copyOf(out);
    }

    /** The source of {@code --features expression|embedding|niche} with {@code --scale} (ignored for expression). */
    static FeatureSource of(String features, Scale scale) {
        return switch (features) {
            case "expression" -> EXPRESSION;
            case "embedding" -> embedding(scale);
            case "niche" -> niche(scale);
            default -> throw new IllegalArgumentException("features must be expression, embedding or niche, not '"
                    + features + "'");
        };
    }

    /** The ids of {@link #all()} ("expression", "micro", "meso", "macro", "niche-micro", "niche-meso", "niche-macro"). */
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
        throw new IllegalArgumentException("scale must be one of " + ids() + ", not '" + scale + "'");
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

    /**
     * Niche features at one scale: Cell.niche&lt;Scale&gt; (the cell's expression features, then the mean features of
     * the cells at each hop 1..L of the NEAR graph), clusters in Cell.clusterNiche&lt;Scale&gt;.
     */
    record Niche(Scale scale) implements FeatureSource {
        @Override
        public String id() {
            return "niche-" + scale.id();
        }

        @Override
        public String featureProperty() {
            return "niche" + scale.suffix();
        }

        @Override
        public String clusterProperty() {
            return "clusterNiche" + scale.suffix();
        }
    }
}
