package org.sigmma.cli;

import java.time.Duration;
import org.sigmma.store.ReadOnlyCypher;

/** Read-only Cypher limits from a command's options, a bad value named by its option (serve, cypher). */
final class CypherLimitOptions {
    private CypherLimitOptions() {
    }

    static ReadOnlyCypher.Limits limits(String timeoutOption, int timeoutSeconds, String rowsOption, int rows,
                                        String memoryOption, long memoryMb) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException(timeoutOption + " must be at least 1, was " + timeoutSeconds);
        }
        if (rows < 1) {
            throw new IllegalArgumentException(rowsOption + " must be at least 1, was " + rows);
        }
        if (memoryMb < 0) {
            throw new IllegalArgumentException(memoryOption + " must be 0 (none) or positive, was " + memoryMb);
        }
        return new ReadOnlyCypher.Limits(Duration.ofSeconds(timeoutSeconds), rows, memoryMb << 20);
    }
}
