package org.sigmma.ingest.xenium;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * Gene-expression counts of a Xenium section, cells x genes: row {@code c} is the cell {@code barcodes[c]},
 * column {@code g} the gene {@code geneIds[g]} / {@code geneNames[g]}. Control probes, control codewords and
 * blank codewords are not genes: their per-cell totals are in {@code qcCounts} under "control_probe",
 * "control_codeword" and "blank" (always present), and "other" when the panel has features of an unknown type.
 */
public record CountMatrix(String[] barcodes, String[] geneIds, String[] geneNames, SparseCounts counts,
                          Map<String, int[]> qcCounts) {

    public static final String CONTROL_PROBE = FeatureKind.CONTROL_PROBE.qcKey();
    public static final String CONTROL_CODEWORD = FeatureKind.CONTROL_CODEWORD.qcKey();
    public static final String BLANK = FeatureKind.BLANK.qcKey();

    public CountMatrix {
        Objects.requireNonNull(barcodes, "barcodes");
        Objects.requireNonNull(geneIds, "geneIds");
        Objects.requireNonNull(geneNames, "geneNames");
        Objects.requireNonNull(counts, "counts");
        qcCounts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(qcCounts, "qcCounts")));
        if (counts.nCells() != barcodes.length || counts.nGenes() != geneIds.length
                || geneNames.length != geneIds.length) {
            throw new IllegalArgumentException("counts are " + counts.nCells() + " x " + counts.nGenes() + " for "
                    + barcodes.length + " barcodes, " + geneIds.length + " gene ids, " + geneNames.length + " names");
        }
        for (Map.Entry<String, int[]> e : qcCounts.entrySet()) {
            if (e.getValue().length != barcodes.length) {
                throw new IllegalArgumentException("qcCounts " + e.getKey() + " has " + e.getValue().length
                        + " values for " + barcodes.length + " cells");
            }
        }
    }

    public int nCells() {
        return barcodes.length;
    }

    public int nGenes() {
        return geneIds.length;
    }

    /**
     * Keeps the gene-expression features of a stored matrix and sums the others per cell by kind.
     * Gene columns keep the file's feature order, so each row stays sorted when the file's rows are.
     */
    public static CountMatrix of(FeatureMatrix m) {
        FeatureTable f = m.features();
        int nFeatures = f.size();
        int[] geneOf = new int[nFeatures];
        FeatureKind[] kinds = new FeatureKind[nFeatures];
        int nGenes = 0;
        boolean anyOther = false;
        for (int i = 0; i < nFeatures; i++) {
            kinds[i] = f.kind(i);
            geneOf[i] = kinds[i] == FeatureKind.GENE_EXPRESSION ? nGenes++ : -1;
            anyOther |= kinds[i] == FeatureKind.OTHER;
        }
        String[] ids = new String[nGenes];
        String[] names = new String[nGenes];
        for (int i = 0; i < nFeatures; i++) {
            if (geneOf[i] >= 0) {
                ids[geneOf[i]] = f.ids()[i];
                names[geneOf[i]] = f.names()[i];
            }
        }
        int nCells = m.barcodes().length;
        Map<String, int[]> qc = new LinkedHashMap<>();
        qc.put(CONTROL_PROBE, new int[nCells]);
        qc.put(CONTROL_CODEWORD, new int[nCells]);
        qc.put(BLANK, new int[nCells]);
        if (anyOther) {
            qc.put(FeatureKind.OTHER.qcKey(), new int[nCells]);
        }
        int[][] qcByFeature = new int[nFeatures][];
        for (int i = 0; i < nFeatures; i++) {
            qcByFeature[i] = geneOf[i] >= 0 ? null : qc.get(kinds[i].qcKey());
        }

        SparseCounts all = m.counts();
        int[] inPtr = all.indptr();
        int[] inIdx = all.indices();
        int[] inVal = all.values();
        int kept = 0;
        for (int k = 0; k < inIdx.length; k++) {
            if (geneOf[inIdx[k]] >= 0) {
                kept++;
            }
        }
        int[] indptr = new int[nCells + 1];
        int[] indices = new int[kept];
        int[] values = new int[kept];
        int w = 0;
        for (int c = 0; c < nCells; c++) {
            for (int k = inPtr[c]; k < inPtr[c + 1]; k++) {
                int feature = inIdx[k];
                int g = geneOf[feature];
                if (g >= 0) {
                    indices[w] = g;
                    values[w++] = inVal[k];
                } else {
                    qcByFeature[feature][c] += inVal[k];
                }
            }
            indptr[c + 1] = w;
        }
        return new CountMatrix(m.barcodes().clone(), ids, names,
                new SparseCounts(nCells, nGenes, indptr, indices, values), qc);
    }

    /** The same matrix with row {@code r} taken from this matrix's row {@code fromRow[r]}. */
    public CountMatrix selectRows(int[] fromRow) {
        int n = fromRow.length;
        int[] ptr = counts.indptr();
        int[] indptr = new int[n + 1];
        for (int r = 0; r < n; r++) {
            int c = fromRow[r];
            indptr[r + 1] = indptr[r] + (ptr[c + 1] - ptr[c]);
        }
        int[] indices = new int[indptr[n]];
        int[] values = new int[indptr[n]];
        String[] bc = new String[n];
        for (int r = 0; r < n; r++) {
            int c = fromRow[r];
            int len = ptr[c + 1] - ptr[c];
            System.arraycopy(counts.indices(), ptr[c], indices, indptr[r], len);
            System.arraycopy(counts.values(), ptr[c], values, indptr[r], len);
            bc[r] = barcodes[c];
        }
        Map<String, int[]> qc = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : qcCounts.entrySet()) {
            int[] src = e.getValue();
            int[] dst = new int[n];
            for (int r = 0; r < n; r++) {
                dst[r] = src[fromRow[r]];
            }
            qc.put(e.getKey(), dst);
        }
        return new CountMatrix(bc, geneIds, geneNames, new SparseCounts(n, geneIds.length, indptr, indices, values), qc);
    }
}
