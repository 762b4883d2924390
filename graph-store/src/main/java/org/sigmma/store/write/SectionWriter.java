package org.sigmma.store.write;

import java.util.function.DoubleConsumer;

/**
 * Writes a section's cells, NEAR edges and tiles under a Section node in LOADING state. The caller flips the
 * status to READY in one last step (or cleans up and marks FAILED), so a reader never sees half a section.
 */
public interface SectionWriter {

    /** Writes everything; {@code progress} receives the completed share 0..1. */
    WriteReport write(SectionData data, DoubleConsumer progress);

    /** What was written and how long each part took. */
    record WriteReport(long cells, long edges, long tiles, long cellMillis, long edgeMillis, long tileMillis) {
        public long totalMillis() {
            return cellMillis + edgeMillis + tileMillis;
        }
    }
}
