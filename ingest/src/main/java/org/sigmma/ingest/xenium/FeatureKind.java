package org.sigmma.ingest.xenium;

import java.util.Locale;

/**
 * What a Xenium feature measures. Only {@link #GENE_EXPRESSION} goes into the count matrix; the others are
 * summed per cell into {@link CountMatrix#qcCounts()} under {@link #qcKey()}.
 * Xenium Onboard Analysis 1.x calls the decoy codewords "Blank Codeword" and 2.x "Unassigned Codeword"
 * (plus "Deprecated Codeword"); both are blanks here. "Genomic Control" probes (2.x) count as control probes.
 */
public enum FeatureKind {
    GENE_EXPRESSION(null),
    CONTROL_PROBE("control_probe"),
    CONTROL_CODEWORD("control_codeword"),
    BLANK("blank"),
    /** A feature type this reader does not know (for example protein); kept out of the matrix. */
    OTHER("other");

    private final String qcKey;

    FeatureKind(String qcKey) {
        this.qcKey = qcKey;
    }

    /** The key in {@link CountMatrix#qcCounts()}, null for gene expression. */
    public String qcKey() {
        return qcKey;
    }

    /**
     * Classifies by name first (control features have been shipped typed as "Gene Expression" in some
     * panels), then by the 10x feature type.
     */
    public static FeatureKind of(String type, String name) {
        String n = name == null ? "" : name;
        if (n.startsWith("NegControlCodeword")) {
            return CONTROL_CODEWORD;
        }
        if (n.startsWith("NegControl") || n.startsWith("antisense")) {
            return CONTROL_PROBE;
        }
        if (n.startsWith("BLANK") || n.startsWith("UnassignedCodeword") || n.startsWith("DeprecatedCodeword")) {
            return BLANK;
        }
        switch (type == null ? "" : type.trim().toLowerCase(Locale.ROOT)) {
            case "gene expression":
                return GENE_EXPRESSION;
            case "negative control probe":
            case "genomic control":
                return CONTROL_PROBE;
            case "negative control codeword":
                return CONTROL_CODEWORD;
            case "blank codeword":
            case "unassigned codeword":
            case "deprecated codeword":
                return BLANK;
            default:
                return OTHER;
        }
    }
}
