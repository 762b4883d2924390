package org.sigmma.export;

import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link SectionExport} as an AnnData file ({@code <section>.h5ad}, anndata's on-disk format 0.1.0 with the
 * element encodings anndata 0.8 reads and writes) with jHDF:
 * <ul>
 * <li>{@code X}: raw counts, cells x genes, CSR ({@code csr_matrix}), float32;</li>
 * <li>{@code obs}: index = Xenium cell id; {@code tile} (int, -1 = dropped), {@code tile_id}, {@code split},
 * {@code cell_type} (when any cell is labelled; "" = unlabelled), {@code cluster_<scale>} per clustered scale (int,
 * -1 = none);</li>
 * <li>{@code var}: index = gene; {@code hvg_index} (position among the highly variable genes the PCA used, -1 = not
 * one);</li>
 * <li>{@code obsm}: {@code spatial} (x, y in micrometres), {@code X_pca}, {@code X_sigmma_micro / _meso / _macro}
 * (NaN rows for cells without one);</li>
 * <li>{@code obsp}: {@code spatial_connectivities} (NEAR, symmetric, 1), {@code spatial_distances} (NEAR, symmetric,
 * micrometres), {@code sigmma_learned_<scale>} (LEARNED of the exported run, directed source -> target,
 * probability);</li>
 * <li>{@code uns}: {@code sigmma} (section, name, pixel_size_um, x, embedding_run, learned_run) and
 * {@code spatial_neighbors} (squidpy's keys).</li>
 * </ul>
 * Cluster ids are integer columns, not categoricals: anndata's categorical needs a boolean {@code ordered} attribute
 * (an HDF5 enum, as h5py writes bools), and jHDF 0.13 writes Java booleans as 8-bit bitfields, which anndata 0.8 refuses
 * ("'ordered' must either be 'True' or 'False'"). {@code adata.obs[c].astype("category")} makes them categorical.
 */
public final class H5adExport {

    private H5adExport() {
    }

    public static Path write(SectionExport s, Path dir) throws IOException {
        if (s.nCells() == 0) {
            throw new IllegalArgumentException("--section: section '" + s.section() + "' has no cells to export");
        }
        Files.createDirectories(dir);
        Path target = dir.resolve(s.section() + ".h5ad");
        Path tmp = dir.resolve(s.section() + ".h5ad.tmp");
        try (WritableHdfFile f = Hdf5Output.create(tmp)) {
            f.removeAttribute("_jHDF");
            encoding(f, "anndata", "0.1.0");
            writeX(f, s);
            writeObs(f, s);
            writeVar(f, s);
            writeObsm(f, s);
            String learnedRun = learnedRun(s);
            writeObsp(f, s, learnedRun);
            dict(f, "varm");
            dict(f, "varp");
            dict(f, "layers");
            writeUns(f, s, learnedRun);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("writing " + target + ": " + e.getMessage(), e);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * The run whose LEARNED edges go into obsp: the run of the cells' embeddings, so that obsm and obsp agree; without
     * embeddings, the one run the edges have; otherwise none (they are all in the Parquet edges).
     */
    static String learnedRun(SectionExport s) {
        Set<String> runs = new LinkedHashSet<>(Arrays.asList(s.learned().run()));
        if (s.embeddingRun() != null && runs.contains(s.embeddingRun())) {
            return s.embeddingRun();
        }
        return s.embeddingRun() == null && runs.size() == 1 ? runs.iterator().next() : null;
    }

    private static void writeX(WritableHdfFile f, SectionExport s) {
        float[] data = new float[s.countValues().length];
        for (int k = 0; k < data.length; k++) {
            data[k] = s.countValues()[k];
        }
        csr(f, "X", new Csr(s.nCells(), s.genes().length, s.countIndptr(), s.countGenes(), data));
    }

    private static void writeObs(WritableHdfFile f, SectionExport s) {
        WritableGroup obs = f.putGroup("obs");
        encoding(obs, "dataframe", "0.2.0");
        obs.putAttribute("_index", "_index");
        strings(obs, "_index", s.cellIds());
        List<String> columns = new ArrayList<>();
        array(obs.putDataset("tile", s.tile()));
        columns.add("tile");
        strings(obs, "tile_id", s.tileId());
        columns.add("tile_id");
        strings(obs, "split", s.split());
        columns.add("split");
        if (s.hasLabels()) {
            strings(obs, "cell_type", s.cellType());
            columns.add("cell_type");
        }
        for (var c : s.clusters().entrySet()) {
            array(obs.putDataset(SectionExport.clusterColumn(c.getKey()), c.getValue()));
            columns.add(SectionExport.clusterColumn(c.getKey()));
        }
        obs.putAttribute("column-order", columns.toArray(String[]::new));
    }

    private static void writeVar(WritableHdfFile f, SectionExport s) {
        WritableGroup var = f.putGroup("var");
        encoding(var, "dataframe", "0.2.0");
        var.putAttribute("_index", "_index");
        strings(var, "_index", s.genes());
        int[] hvgIndex = new int[s.genes().length];
        Arrays.fill(hvgIndex, -1);
        for (int k = 0; k < s.hvg().length; k++) {
            if (s.hvg()[k] < 0 || s.hvg()[k] >= hvgIndex.length) {
                throw new IllegalArgumentException("Section.hvg: gene index " + s.hvg()[k] + " outside the " + hvgIndex.length + " genes");
            }
            hvgIndex[s.hvg()[k]] = k;
        }
        array(var.putDataset("hvg_index", hvgIndex));
        var.putAttribute("column-order", new String[] {"hvg_index"});
    }

    private static void writeObsm(WritableHdfFile f, SectionExport s) {
        WritableGroup obsm = dict(f, "obsm");
        int n = s.nCells();
        double[][] spatial = new double[n][];
        for (int i = 0; i < n; i++) {
            spatial[i] = new double[] {s.x()[i], s.y()[i]};
        }
        array(obsm.putDataset("spatial", spatial));
        if (s.featureDim() > 0) {
            array(obsm.putDataset("X_pca", rows(s.features(), n, s.featureDim())));
        }
        for (var e : s.embeddings().entrySet()) {
            array(obsm.putDataset("X_sigmma_" + e.getKey(), rows(e.getValue().values(), n, e.getValue().dim())));
        }
    }

    private static void writeObsp(WritableHdfFile f, SectionExport s, String learnedRun) {
        WritableGroup obsp = dict(f, "obsp");
        int n = s.nCells();
        SectionExport.NearEdges near = s.near();
        if (near.size() > 0) {
            float[] ones = new float[near.size()];
            Arrays.fill(ones, 1f);
            csr(obsp, "spatial_connectivities", Csr.symmetric(n, near.source(), near.target(), ones));
            csr(obsp, "spatial_distances", Csr.symmetric(n, near.source(), near.target(), near.distanceUm()));
        }
        if (learnedRun == null) {
            return;
        }
        SectionExport.LearnedEdges le = s.learned();
        for (String scale : SectionExport.EMBEDDING_SCALES) {
            int m = 0;
            for (int e = 0; e < le.size(); e++) {
                m += scale.equals(le.scale()[e]) && learnedRun.equals(le.run()[e]) ? 1 : 0;
            }
            if (m == 0) {
                continue;
            }
            int[] src = new int[m];
            int[] dst = new int[m];
            float[] p = new float[m];
            int k = 0;
            for (int e = 0; e < le.size(); e++) {
                if (scale.equals(le.scale()[e]) && learnedRun.equals(le.run()[e])) {
                    src[k] = le.source()[e];
                    dst[k] = le.target()[e];
                    p[k++] = le.probability()[e];
                }
            }
            csr(obsp, "sigmma_learned_" + scale, Csr.of(n, n, src, dst, p));
        }
    }

    private static void writeUns(WritableHdfFile f, SectionExport s, String learnedRun) {
        WritableGroup uns = dict(f, "uns");
        WritableGroup sigmma = dict(uns, "sigmma");
        string(sigmma, "section", s.section());
        if (s.name() != null) {
            string(sigmma, "name", s.name());
        }
        encoding(sigmma.putDataset("pixel_size_um", s.pixelSizeUm()), "numeric-scalar", "0.2.0");
        string(sigmma, "x", "raw counts (Cell.counts); obsm X_pca: PCA of log1p CP10k over the hvg_index genes");
        if (s.embeddingRun() != null) {
            string(sigmma, "embedding_run", s.embeddingRun());
        }
        if (learnedRun != null) {
            string(sigmma, "learned_run", learnedRun);
        }
        if (s.near().size() > 0) {
            WritableGroup sn = dict(uns, "spatial_neighbors");
            string(sn, "connectivities_key", "spatial_connectivities");
            string(sn, "distances_key", "spatial_distances");
        }
    }

    private static void csr(WritableGroup parent, String name, Csr m) {
        if (m.data().length == 0) {
            // jHDF 0.13 fails on zero-length datasets (ArrayIndexOutOfBounds): say what is empty instead
            throw new IllegalArgumentException(name + ": no entries, and jHDF cannot write an empty dataset");
        }
        WritableGroup g = parent.putGroup(name);
        encoding(g, "csr_matrix", "0.1.0");
        g.putAttribute("shape", new long[] {m.rows(), m.cols()});
        g.putDataset("data", m.data());
        g.putDataset("indices", m.indices());
        g.putDataset("indptr", m.indptr());
    }

    private static float[][] rows(float[] values, int n, int dim) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
        }
        return out;
    }

    /** A string column; HDF5 fixed-length strings have no null, so a missing value is "". */
    private static void strings(WritableGroup g, String name, String[] values) {
        String[] v = new String[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] == null ? "" : values[i];
        }
        encoding(g.putDataset(name, v), "string-array", "0.2.0");
    }

    private static void string(WritableGroup g, String name, String value) {
        encoding(g.putDataset(name, value), "string", "0.2.0");
    }

    private static void array(WritableNode node) {
        encoding(node, "array", "0.2.0");
    }

    private static WritableGroup dict(WritableGroup parent, String name) {
        WritableGroup g = parent.putGroup(name);
        encoding(g, "dict", "0.1.0");
        return g;
    }

    private static void encoding(WritableNode node, String type, String version) {
        node.putAttribute("encoding-type", type);
        node.putAttribute("encoding-version", version);
    }
}
