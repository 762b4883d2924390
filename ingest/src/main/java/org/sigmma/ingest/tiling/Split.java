package org.sigmma.ingest.tiling;

/** The spatial split a tile belongs to; stored on the tile in lower case. */
public enum Split {
    TRAIN, VAL, TEST;

    public String storageName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
