package org.sigmma.ingest.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one ingest: what was stored and the time of each step (milliseconds, in order).
 *
 * @param outcome LOADED, UNCHANGED (same content already READY: nothing done) or REPLACED
 */
public record IngestReport(String sectionId, Outcome outcome, int cells, int genes, long edges, int tiles,
                           int tileImages, Map<String, Long> stepMillis, long heapUsedBytes) {

    public enum Outcome { LOADED, UNCHANGED, REPLACED }

    public double edgesPerCell() {
        return cells == 0 ? 0 : (double) edges / cells;
    }

    public long totalMillis() {
        return stepMillis.values().stream().mapToLong(Long::longValue).sum();
    }

    static Map<String, Long> steps() {
        return new LinkedHashMap<>();
    }
}
