package org.sigmma.ingest.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * Writes the cells table as Xenium Onboard Analysis does: {@code cells.csv.gz} with cell_id, centroids in
 * micrometres (32-bit values printed in full, as XOA's pandas writes them), transcript and control counts,
 * areas; and optionally the same table as {@code cells.parquet} through DuckDB.
 */
final class CellsTableWriter {

    static final String HEADER = "cell_id,x_centroid,y_centroid,transcript_counts,control_probe_counts,"
            + "control_codeword_counts,unassigned_codeword_counts,total_counts,cell_area,nucleus_area";

    private CellsTableWriter() {
    }

    static void writeCsv(SimulatedSection s, Path file) throws IOException {
        SimulatedCells c = s.cells();
        SparseCounts genes = s.counts();
        SparseCounts ctl = s.controlCounts();
        String[] types = s.panel().controlTypes();
        try (TextOut out = TextOut.gzip(file, 6)) {
            out.text(HEADER).ch('\n');
            for (int i = 0; i < c.size(); i++) {
                long transcripts = genes.librarySize(i);
                long probes = 0;
                long codewords = 0;
                long blanks = 0;
                for (int k = ctl.indptr()[i]; k < ctl.indptr()[i + 1]; k++) {
                    String t = types[ctl.indices()[k]];
                    int v = ctl.values()[k];
                    if (t.equals(GenePanel.CONTROL_PROBE)) {
                        probes += v;
                    } else if (t.equals(GenePanel.CONTROL_CODEWORD)) {
                        codewords += v;
                    } else {
                        blanks += v;
                    }
                }
                out.text(c.ids()[i]).ch(',').num(c.x()[i]).ch(',').num(c.y()[i]).ch(',')
                        .num(transcripts).ch(',').num(probes).ch(',').num(codewords).ch(',').num(blanks).ch(',')
                        .num(transcripts + probes + codewords + blanks).ch(',')
                        .fixed(c.cellArea()[i], 4).ch(',').fixed(c.nucleusArea()[i], 4).ch('\n');
            }
        }
    }

    /** The CSV as Parquet, typed as XOA types it (ids as strings, counts as integers, the rest as doubles). */
    static void writeParquet(Path csv, Path parquet) throws IOException {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:"); Statement st = conn.createStatement()) {
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            String columns = "{'cell_id': 'VARCHAR', 'x_centroid': 'DOUBLE', 'y_centroid': 'DOUBLE', "
                    + "'transcript_counts': 'BIGINT', 'control_probe_counts': 'BIGINT', 'control_codeword_counts': 'BIGINT', "
                    + "'unassigned_codeword_counts': 'BIGINT', 'total_counts': 'BIGINT', 'cell_area': 'DOUBLE', "
                    + "'nucleus_area': 'DOUBLE'}";
            st.execute("COPY (SELECT * FROM read_csv(" + literal(csv) + ", header = true, auto_detect = false, "
                    + "delim = ',', columns = " + columns + ")) TO " + literal(parquet)
                    + " (FORMAT parquet, COMPRESSION zstd)");
        } catch (SQLException e) {
            throw new IOException(parquet + ": cannot write Parquet through DuckDB: " + e.getMessage(), e);
        }
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
