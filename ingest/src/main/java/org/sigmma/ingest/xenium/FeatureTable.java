package org.sigmma.ingest.xenium;

import java.util.Objects;

/** All features of a Xenium panel as the matrix file lists them: ids, names and 10x feature types. */
public record FeatureTable(String[] ids, String[] names, String[] types) {

    public FeatureTable {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(types, "types");
        if (names.length != ids.length || types.length != ids.length) {
            throw new IllegalArgumentException("ids, names and types lengths differ: "
                    + ids.length + ", " + names.length + ", " + types.length);
        }
    }

    public int size() {
        return ids.length;
    }

    /** The kind of feature {@code i}: gene expression or one of the QC kinds. */
    public FeatureKind kind(int i) {
        return FeatureKind.of(types[i], names[i]);
    }
}
