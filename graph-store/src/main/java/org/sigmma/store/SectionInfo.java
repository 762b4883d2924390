package org.sigmma.store;

/** A section as stored (DESIGN.md Section node); counts are null for sections that never reached READY. */
public record SectionInfo(String id, String name, String status, String tissue, double pixelSizeUm, double tileSizePx,
                          double widthUm, double heightUm, Long nCells, Long nEdges, Long nTiles, int nGenes,
                          String sourceDigest, String ingestedAt, String reason) {

    public boolean ready() {
        return SectionStatus.READY.name().equals(status);
    }
}
