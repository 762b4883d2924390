package org.sigmma.ingest.simulate;

import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.image.Affine;

/**
 * A simulated section in memory: cells with their truth (domain, type, contact state, immune share of the
 * neighbourhood), the counts (genes, then control features), the gene programmes, and the H&amp;E registration.
 */
public record SimulatedSection(SimulationParameters parameters, double sideUm, double[] x, double[] y,
                               Tissue.Domain[] domain, Tissue.CellType[] type, Tissue.Contact[] contact,
                               float[] nicheImmuneShare, double[] nucleusAngle, String[] geneNames,
                               String[] geneProgramme, SparseCounts counts, int[] controlProbeCounts,
                               int[] blankCounts, Affine imageToMicrons, int imageWidth, int imageHeight) {

    public int nCells() {
        return x.length;
    }
}
