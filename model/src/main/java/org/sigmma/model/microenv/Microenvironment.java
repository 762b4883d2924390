package org.sigmma.model.microenv;

import java.util.List;
import java.util.Map;

/** One cluster of cells: its size, cell-type composition (where labels exist) and top marker genes. */
public record Microenvironment(int id, int size, Map<String, Integer> composition, List<MarkerGene> markers) {

    /** A marker gene by name, with its effect and significance. */
    public record MarkerGene(String gene, double log2FoldChange, double z, double adjustedP, double meanIn, double meanOut) {
    }
}
