package org.sigmma.ingest.xenium;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The cells of a Xenium section, in file order: ids, centroids in micrometres, and every other numeric
 * column of the cells file (transcript_counts, cell_area, nucleus_area, ...) by its column name, in file order.
 */
public record CellTable(String[] cellIds, double[] x, double[] y, Map<String, double[]> columns) {

    public CellTable {
        Objects.requireNonNull(cellIds, "cellIds");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(columns, "columns")));
        if (x.length != cellIds.length || y.length != cellIds.length) {
            throw new IllegalArgumentException("cellIds, x and y lengths differ: "
                    + cellIds.length + ", " + x.length + ", " + y.length);
        }
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getValue().length != cellIds.length) {
                throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length
                        + " values for " + cellIds.length + " cells");
            }
        }
    }

    public int size() {
        return cellIds.length;
    }
}
