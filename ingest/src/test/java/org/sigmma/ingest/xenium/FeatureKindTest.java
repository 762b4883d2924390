package org.sigmma.ingest.xenium;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FeatureKindTest {

    @Test
    void typesOfXeniumOnboardAnalysisOneAndTwo() {
        assertEquals(FeatureKind.GENE_EXPRESSION, FeatureKind.of("Gene Expression", "Gad1"));
        assertEquals(FeatureKind.CONTROL_PROBE, FeatureKind.of("Negative Control Probe", "NegControlProbe_00031"));
        assertEquals(FeatureKind.CONTROL_PROBE, FeatureKind.of("Genomic Control", "Intergenic_Region_1"));
        assertEquals(FeatureKind.CONTROL_CODEWORD, FeatureKind.of("Negative Control Codeword", "NegControlCodeword_0500"));
        assertEquals(FeatureKind.BLANK, FeatureKind.of("Blank Codeword", "BLANK_0006"));
        assertEquals(FeatureKind.BLANK, FeatureKind.of("Unassigned Codeword", "UnassignedCodeword_0001"));
        assertEquals(FeatureKind.BLANK, FeatureKind.of("Deprecated Codeword", "DeprecatedCodeword_0001"));
        assertEquals(FeatureKind.OTHER, FeatureKind.of("Protein Expression", "CD45"));
    }

    @Test
    void controlNamesWinOverAGeneExpressionType() {
        assertEquals(FeatureKind.CONTROL_PROBE, FeatureKind.of("Gene Expression", "NegControlProbe_00042"));
        assertEquals(FeatureKind.CONTROL_PROBE, FeatureKind.of("Gene Expression", "antisense_Gad1"));
        assertEquals(FeatureKind.CONTROL_CODEWORD, FeatureKind.of("Gene Expression", "NegControlCodeword_0501"));
        assertEquals(FeatureKind.BLANK, FeatureKind.of("Gene Expression", "BLANK_0100"));
        assertEquals(FeatureKind.BLANK, FeatureKind.of("Gene Expression", "UnassignedCodeword_0100"));
    }

    @Test
    void otherKindGetsItsOwnQcKey() {
        FeatureTable f = new FeatureTable(new String[] {"a", "b"}, new String[] {"Gad1", "CD45"},
                new String[] {"Gene Expression", "Protein Expression"});
        org.sigmma.ingest.expression.SparseCounts s = new org.sigmma.ingest.expression.SparseCounts(1, 2,
                new int[] {0, 2}, new int[] {0, 1}, new int[] {3, 7});
        CountMatrix m = CountMatrix.of(new FeatureMatrix(new String[] {"c1"}, f, s));
        assertEquals(7, m.qcCounts().get("other")[0]);
        assertEquals(3, m.counts().librarySize(0));
    }
}
