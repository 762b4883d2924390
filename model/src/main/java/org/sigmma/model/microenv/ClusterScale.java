package org.sigmma.model.microenv;

import java.util.Locale;

/**
 * What a microenvironment clustering runs on: the expression features stored at ingest (before any training), or the
 * cell embeddings of a trained run at one of SIGMMA's three scales. Names the Cell properties read and written.
 */
public enum ClusterScale {
    EXPRESSION("features", "clusterExpression"),
    MICRO("zMicro", "clusterMicro"),
    MESO("zMeso", "clusterMeso"),
    MACRO("zMacro", "clusterMacro");

    private final String embeddingProperty;
    private final String clusterProperty;

    ClusterScale(String embeddingProperty, String clusterProperty) {
        this.embeddingProperty = embeddingProperty;
        this.clusterProperty = clusterProperty;
    }

    public String embeddingProperty() {
        return embeddingProperty;
    }

    public String clusterProperty() {
        return clusterProperty;
    }

    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClusterScale parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scale must be expression, micro, meso or macro, not '" + s + "'");
        }
    }
}
