package org.sigmma.ingest.tiling;

import java.util.Locale;

/** The evaluation split a tile belongs to; stored on the tile by its lower-case name. */
public enum Split {
    TRAIN, VAL, TEST;

    /** The name stored in the graph: {@code train}, {@code val} or {@code test}. */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The split of a stored name, case-insensitively. */
    public static Split fromStorage(String name) {
        for (Split s : values()) {
            if (s.storageName().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "', expected train, val or test");
    }
}
