package org.sigmma.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a {@link SectionExport} as four Parquet files through an in-memory DuckDB (tables filled by appenders, then
 * {@code COPY ... TO ... (FORMAT parquet)}):
 * <ul>
 * <li>{@code <section>.cells.parquet}: one row per cell: section, cell_id, x_um, y_um, tile, tile_id, split, cell_type,
 * pca (FLOAT[]), z_micro / z_meso / z_macro (FLOAT[], null where absent), cluster_expression / _micro / _meso / _macro /
 * _niche_micro / _niche_meso / _niche_macro (null where absent), embedding_run;</li>
 * <li>{@code <section>.counts.parquet}: the raw counts in long form, cell_id, gene, count (non-zero entries only);</li>
 * <li>{@code <section>.near_edges.parquet}: source, target (cell ids), distance_um; each spatial pair once;</li>
 * <li>{@code <section>.learned_edges.parquet}: source, target, scale, run, probability; directed.</li>
 * </ul>
 */
public final class ParquetExport {

    private ParquetExport() {
    }

    /** The files written, in the order above. */
    public static List<Path> write(SectionExport s, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path cells = dir.resolve(s.section() + ".cells.parquet");
        Path counts = dir.resolve(s.section() + ".counts.parquet");
        Path near = dir.resolve(s.section() + ".near_edges.parquet");
        Path learned = dir.resolve(s.section() + ".learned_edges.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            st.execute("CREATE TABLE cells (section VARCHAR, cell_id VARCHAR, x_um DOUBLE, y_um DOUBLE, tile INTEGER, "
                    + "tile_id VARCHAR, split VARCHAR, cell_type VARCHAR, pca FLOAT[], z_micro FLOAT[], z_meso FLOAT[], "
                    + "z_macro FLOAT[], " + java.util.Arrays.stream(SectionExport.CLUSTER_SCALES)
                    .map(id -> SectionExport.clusterColumn(id) + " INTEGER, ").collect(java.util.stream.Collectors.joining())
                    + "embedding_run VARCHAR)");
            fillCells(s, duck);
            copy(st, "cells", cells);

            st.execute("CREATE TABLE counts (cell_id VARCHAR, gene VARCHAR, count INTEGER)");
            try (DuckDBAppender a = duck.createAppender("main", "counts")) {
                for (int i = 0; i < s.nCells(); i++) {
                    for (int k = s.countIndptr()[i]; k < s.countIndptr()[i + 1]; k++) {
                        a.beginRow().append(s.cellIds()[i]).append(s.genes()[s.countGenes()[k]]).append(s.countValues()[k]).endRow();
                    }
                }
            }
            copy(st, "counts", counts);

            st.execute("CREATE TABLE near_edges (source VARCHAR, target VARCHAR, distance_um FLOAT)");
            SectionExport.NearEdges ne = s.near();
            try (DuckDBAppender a = duck.createAppender("main", "near_edges")) {
                for (int e = 0; e < ne.size(); e++) {
                    a.beginRow().append(s.cellIds()[ne.source()[e]]).append(s.cellIds()[ne.target()[e]]).append(ne.distanceUm()[e]).endRow();
                }
            }
            copy(st, "near_edges", near);

            st.execute("CREATE TABLE learned_edges (source VARCHAR, target VARCHAR, scale VARCHAR, run VARCHAR, probability FLOAT)");
            SectionExport.LearnedEdges le = s.learned();
            try (DuckDBAppender a = duck.createAppender("main", "learned_edges")) {
                for (int e = 0; e < le.size(); e++) {
                    a.beginRow().append(s.cellIds()[le.source()[e]]).append(s.cellIds()[le.target()[e]]);
                    text(a, le.scale()[e]);
                    text(a, le.run()[e]);
                    a.append(le.probability()[e]).endRow();
                }
            }
            copy(st, "learned_edges", learned);
        } catch (SQLException e) {
            throw new IOException("writing Parquet for section " + s.section() + " to " + dir + ": " + e.getMessage(), e);
        }
        return List.of(cells, counts, near, learned);
    }

    private static void fillCells(SectionExport s, DuckDBConnection duck) throws SQLException {
        int d = s.featureDim();
        try (DuckDBAppender a = duck.createAppender("main", "cells")) {
            for (int i = 0; i < s.nCells(); i++) {
                a.beginRow().append(s.section()).append(s.cellIds()[i]).append(s.x()[i]).append(s.y()[i]).append(s.tile()[i]);
                text(a, s.tileId()[i]);
                text(a, s.split()[i]);
                text(a, s.cellType()[i]);
                a.append(Arrays.copyOfRange(s.features(), i * d, (i + 1) * d));
                for (String scale : SectionExport.EMBEDDING_SCALES) {
                    SectionExport.Embedding e = s.embeddings().get(scale);
                    float[] row = e == null ? null : Arrays.copyOfRange(e.values(), i * e.dim(), (i + 1) * e.dim());
                    // a NaN row stands for "this cell has no embedding": null in Parquet
                    if (row == null || (row.length > 0 && Float.isNaN(row[0]))) {
                        a.appendNull();
                    } else {
                        a.append(row);
                    }
                }
                for (String scale : SectionExport.CLUSTER_SCALES) {
                    int[] c = s.clusters().get(scale);
                    if (c == null || c[i] < 0) {
                        a.appendNull();
                    } else {
                        a.append(c[i]);
                    }
                }
                text(a, s.embeddingRun());
                a.endRow();
            }
        }
    }

    private static void text(DuckDBAppender a, String v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }

    /** COPY to a temporary name and move, so that a failed write never leaves a half file under the final name. */
    private static void copy(Statement st, String table, Path target) throws SQLException, IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        st.execute("COPY " + table + " TO '" + tmp.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)");
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
