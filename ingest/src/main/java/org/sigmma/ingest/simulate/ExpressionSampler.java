package org.sigmma.ingest.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * Draws each cell's counts. A cell's expected share of gene g is proportional to
 * {@code exp(base_g + micro * type_g + macro * domain_g + meso * sum niche_g * score + arrangement * contact_g * state)};
 * its library size is log-normal around the median, scaled by its type; counts are negative binomial around
 * the expected values (variance {@code mu + dispersion * mu^2}). Genes expected below 0.05 counts are drawn
 * as one Poisson total spread by their shares: at that level the negative binomial's extra variance is
 * under 1% of its variance, and the cost of a cell falls from the panel size to its library size.
 * Each cell draws from its own seeded stream, so cells are sampled in parallel with the same result.
 */
final class ExpressionSampler {

    private static final long STAGE_COUNTS = 0xC0C0L;
    private static final long STAGE_LIBRARY = 0x11B5L;
    private static final int CHUNK = 2048;
    /** Genes expected above this many counts are drawn one by one, negative binomial. */
    static final double HIGH_EXPECTED = 0.05;

    /** The precomputed shares of the genes that do not vary cell by cell, for one type in one domain. */
    private static final class Table {
        double zBase;
        int[] high;
        double[] highWeight;
        int[] low;
        double[] lowCumulative;
        double zLow;
        /** log-weights of the modulated genes before modulation, aligned with {@code modulated}. */
        double[] modulatedLog;
    }

    private final GenePanel panel;
    private final SimulationParameters p;
    private final int[] modulated;
    private final Table[][] tables;

    ExpressionSampler(GenePanel panel, SimulationParameters p, double referenceLibrary) {
        this.panel = panel;
        this.p = p;
        int genes = panel.size();
        boolean[] isModulated = new boolean[genes];
        int m = 0;
        for (int g = 0; g < genes; g++) {
            for (double[] lfc : panel.nicheLfc) {
                isModulated[g] |= lfc[g] != 0;
            }
            for (double[] lfc : panel.contactLfc) {
                isModulated[g] |= lfc[g] != 0;
            }
            if (isModulated[g]) {
                m++;
            }
        }
        modulated = new int[m];
        for (int g = 0, k = 0; g < genes; g++) {
            if (isModulated[g]) {
                modulated[k++] = g;
            }
        }
        tables = new Table[CellType.ALL.length][Domain.ALL.length];
        for (CellType t : CellType.ALL) {
            for (Domain d : Domain.ALL) {
                tables[t.ordinal()][d.ordinal()] = table(t, d, isModulated, referenceLibrary * t.librarySize);
            }
        }
    }

    private double logWeight(int g, CellType t, Domain d) {
        return panel.base[g] + p.microStrength() * panel.typeLfc[t.ordinal()][g]
                + p.macroStrength() * panel.domainLfc[d.ordinal()][g];
    }

    private Table table(CellType t, Domain d, boolean[] isModulated, double library) {
        int genes = panel.size();
        double[] w = new double[genes];
        double z = 0;
        for (int g = 0; g < genes; g++) {
            w[g] = Math.exp(logWeight(g, t, d));
            if (!isModulated[g]) {
                z += w[g];
            }
        }
        Table tab = new Table();
        tab.zBase = z;
        int nHigh = 0;
        for (int g = 0; g < genes; g++) {
            if (!isModulated[g] && w[g] / z * library >= HIGH_EXPECTED) {
                nHigh++;
            }
        }
        tab.high = new int[nHigh];
        tab.highWeight = new double[nHigh];
        tab.low = new int[genes - modulated.length - nHigh];
        tab.lowCumulative = new double[tab.low.length];
        double acc = 0;
        for (int g = 0, h = 0, l = 0; g < genes; g++) {
            if (isModulated[g]) {
                continue;
            }
            if (w[g] / z * library >= HIGH_EXPECTED) {
                tab.high[h] = g;
                tab.highWeight[h++] = w[g];
            } else {
                acc += w[g];
                tab.low[l] = g;
                tab.lowCumulative[l++] = acc;
            }
        }
        tab.zLow = acc;
        tab.modulatedLog = new double[modulated.length];
        for (int k = 0; k < modulated.length; k++) {
            tab.modulatedLog[k] = logWeight(modulated[k], t, d);
        }
        return tab;
    }

    /** Library sizes: log-normal around the median, scaled by type so that the section's median is the one asked for. */
    static double[] librarySizes(SimulationParameters p, CellType[] type) {
        int n = type.length;
        double[] f = new double[n];
        for (int c = 0; c < n; c++) {
            f[c] = type[c].librarySize;
        }
        double[] sorted = f.clone();
        Arrays.sort(sorted);
        double norm = n == 0 ? 1 : sorted[n / 2];
        double sigma = 0.25 + 0.15 * p.noise();
        double[] lib = new double[n];
        for (int c = 0; c < n; c++) {
            SplittableRandom r = Random64.stream(p.seed(), STAGE_LIBRARY, c);
            lib[c] = p.medianLibrarySize() * f[c] / norm * Math.exp(sigma * Random64.gaussian(r));
        }
        return lib;
    }

    /** Gene counts and control counts of every cell. */
    SparseCounts[] sample(CellType[] type, Domain[] domain, ContactState[] contact, double[][] nicheScore, double[] library,
                          DoubleConsumer progress) {
        int n = type.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        int[][][] genes = new int[chunks][][];
        int[][][] controls = new int[chunks][][];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int from = ch * CHUNK;
            int to = Math.min(n, from + CHUNK);
            Rows g = new Rows(to - from, panel.size());
            Rows k = new Rows(to - from, panel.controlCount());
            double[] modLog = new double[modulated.length];
            for (int c = from; c < to; c++) {
                SplittableRandom r = Random64.stream(p.seed(), STAGE_COUNTS, c);
                cell(c, type[c], domain[c], contact[c], nicheScore, library[c], r, modLog, g);
                for (int q = 0; q < panel.controlCount(); q++) {
                    k.add(q, Random64.poisson(r, panel.controlRate[q] * library[c] / p.medianLibrarySize()));
                }
                g.endRow();
                k.endRow();
            }
            genes[ch] = g.finish();
            controls[ch] = k.finish();
            progress.accept((double) done.incrementAndGet() / chunks);
        });
        return new SparseCounts[] {assemble(genes, n, panel.size()), assemble(controls, n, panel.controlCount())};
    }

    private void cell(int c, CellType t, Domain d, ContactState state, double[][] nicheScore, double library,
                      SplittableRandom r, double[] modLog, Rows out) {
        Table tab = tables[t.ordinal()][d.ordinal()];
        double z = tab.zBase;
        double meso = p.mesoStrength();
        double arr = p.arrangementStrength();
        for (int k = 0; k < modulated.length; k++) {
            int g = modulated[k];
            double v = tab.modulatedLog[k];
            for (int s = 0; s < nicheScore.length; s++) {
                v += meso * panel.nicheLfc[s][g] * nicheScore[s][c];
            }
            if (state == ContactState.T_CELL_TUMOUR_CONTACT) {
                v += arr * panel.contactLfc[0][g];
            } else if (state == ContactState.TUMOUR_STROMA_INTERFACE) {
                v += arr * panel.contactLfc[1][g];
            }
            modLog[k] = Math.exp(v);
            z += modLog[k];
        }
        double scale = library / z;
        double dispersion = 0.5 * p.noise();
        for (int h = 0; h < tab.high.length; h++) {
            out.add(tab.high[h], Random64.negativeBinomial(r, tab.highWeight[h] * scale, dispersion));
        }
        for (int k = 0; k < modulated.length; k++) {
            out.add(modulated[k], Random64.negativeBinomial(r, modLog[k] * scale, dispersion));
        }
        int lowTotal = Random64.poisson(r, tab.zLow * scale);
        for (int i = 0; i < lowTotal; i++) {
            double u = r.nextDouble() * tab.zLow;
            int j = Arrays.binarySearch(tab.lowCumulative, u);
            j = j < 0 ? -j - 1 : j + 1;
            out.add(tab.low[Math.min(j, tab.low.length - 1)], 1);
        }
    }

    /** Rows of sparse counts built one cell at a time, genes summed and sorted within a row. */
    private static final class Rows {
        private final int[] dense;
        private final int[] touched;
        private int nTouched;
        private final int[] rowLength;
        private int row;
        private int[] idx = new int[1024];
        private int[] val = new int[1024];
        private int nnz;

        Rows(int rows, int width) {
            dense = new int[width];
            touched = new int[width];
            rowLength = new int[rows];
        }

        void add(int g, int count) {
            if (count <= 0) {
                return;
            }
            if (dense[g] == 0) {
                touched[nTouched++] = g;
            }
            dense[g] += count;
        }

        void endRow() {
            Arrays.sort(touched, 0, nTouched);
            if (nnz + nTouched > idx.length) {
                int cap = Math.max(idx.length * 2, nnz + nTouched);
                idx = Arrays.copyOf(idx, cap);
                val = Arrays.copyOf(val, cap);
            }
            for (int i = 0; i < nTouched; i++) {
                int g = touched[i];
                idx[nnz] = g;
                val[nnz++] = dense[g];
                dense[g] = 0;
            }
            rowLength[row++] = nTouched;
            nTouched = 0;
        }

        int[][] finish() {
            return new int[][] {rowLength, Arrays.copyOf(idx, nnz), Arrays.copyOf(val, nnz)};
        }
    }

    private static SparseCounts assemble(int[][][] chunks, int n, int width) {
        long nnz = 0;
        for (int[][] ch : chunks) {
            nnz += ch[1].length;
        }
        if (nnz > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(nnz + " non-zero counts do not fit one array: simulate fewer cells or genes");
        }
        int[] indptr = new int[n + 1];
        int[] indices = new int[(int) nnz];
        int[] values = new int[(int) nnz];
        int row = 0;
        int at = 0;
        for (int i = 0; i < chunks.length; i++) {
            int[][] ch = chunks[i];
            chunks[i] = null;
            for (int len : ch[0]) {
                indptr[row + 1] = indptr[row] + len;
                row++;
            }
            System.arraycopy(ch[1], 0, indices, at, ch[1].length);
            System.arraycopy(ch[2], 0, values, at, ch[2].length);
            at += ch[1].length;
        }
        return new SparseCounts(n, width, indptr, indices, values);
    }
}
