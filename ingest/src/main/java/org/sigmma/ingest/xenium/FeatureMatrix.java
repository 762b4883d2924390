package org.sigmma.ingest.xenium;

import java.util.Objects;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * A Xenium cell-feature matrix as stored, before control features are split off: rows are the matrix's
 * barcodes in file order, columns are all features of {@link #features()}.
 */
public record FeatureMatrix(String[] barcodes, FeatureTable features, SparseCounts counts) {

    public FeatureMatrix {
        Objects.requireNonNull(barcodes, "barcodes");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(counts, "counts");
        if (counts.nCells() != barcodes.length || counts.nGenes() != features.size()) {
            throw new IllegalArgumentException("counts are " + counts.nCells() + " x " + counts.nGenes()
                    + " for " + barcodes.length + " barcodes and " + features.size() + " features");
        }
    }
}
