package org.sigmma.ingest.xenium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Xenium cells table ({@code cells.csv.gz}, {@code cells.csv} or {@code cells.parquet}) through an
 * in-memory DuckDB connection that never installs or loads extensions. {@code cell_id} may be an integer
 * (Xenium Onboard Analysis 1.0-1.2) or a string; it is kept as the file's text. Centroids are micrometres
 * and must be finite; ids must be unique. Every other numeric column is kept as doubles.
 */
public final class CellTableReader {

    public static final String CELL_ID = "cell_id";
    public static final String X = "x_centroid";
    public static final String Y = "y_centroid";

    private CellTableReader() {
    }

    public static CellTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "file", "missing");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean parquet = name.endsWith(".parquet");
        if (!parquet) {
            // DuckDB's error for a cut-off gzip is not specific; checking first gives a clear message
            GzipText.checkWhole(file);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
            String plain = parquet ? "read_parquet(" + literal + ", binary_as_string = true)"
                    : "read_csv(" + literal + ", header = true)";
            Map<String, String> schema = describe(file, s, plain);
            for (String required : List.of(CELL_ID, X, Y)) {
                if (!schema.containsKey(required)) {
                    throw new BundleException(file, required, "missing column; the columns are " + schema.keySet());
                }
            }
            List<String> extra = new ArrayList<>();
            for (Map.Entry<String, String> e : schema.entrySet()) {
                if (!List.of(CELL_ID, X, Y).contains(e.getKey()) && numeric(e.getValue())) {
                    extra.add(e.getKey());
                }
            }
            String source = plain;
            if (!parquet) {
                // all columns typed, no second sniff: the sniffer only samples the first rows, and ids stay text as written
                StringBuilder columns = new StringBuilder("{");
                for (Map.Entry<String, String> e : schema.entrySet()) {
                    String col = e.getKey();
                    String type = col.equals(CELL_ID) ? "VARCHAR"
                            : col.equals(X) || col.equals(Y) || extra.contains(col) ? "DOUBLE" : "VARCHAR";
                    columns.append(columns.length() > 1 ? ", '" : "'").append(col.replace("'", "''")).append("': '").append(type).append('\'');
                }
                columns.append('}');
                source = "read_csv(" + literal + ", header = true, auto_detect = false, delim = ',', quote = '\"', "
                        + "escape = '\"', columns = " + columns + ")";
            }
            StringBuilder sql = new StringBuilder("SELECT CAST(" + quote(CELL_ID) + " AS VARCHAR), CAST(" + quote(X)
                    + " AS DOUBLE), CAST(" + quote(Y) + " AS DOUBLE)");
            for (String col : extra) {
                sql.append(", CAST(").append(quote(col)).append(" AS DOUBLE)");
            }
            sql.append(" FROM ").append(source);
            return collect(file, s, sql.toString(), extra, parquet);
        } catch (SQLException e) {
            throw new BundleException(file, parquet ? "parquet" : "csv", "cannot read: " + firstLine(e.getMessage()), e);
        }
    }

    private static Map<String, String> describe(Path file, Statement s, String source) throws SQLException {
        Map<String, String> schema = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (r.next()) {
                schema.put(r.getString(1), r.getString(2));
            }
        }
        return schema;
    }

    private static CellTable collect(Path file, Statement s, String sql, List<String> extra, boolean parquet) throws SQLException {
        int cap = 1 << 14;
        String[] ids = new String[cap];
        double[] xs = new double[cap];
        double[] ys = new double[cap];
        double[][] cols = new double[extra.size()][cap];
        Map<String, Integer> seen = new HashMap<>();
        int n = 0;
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                if (n == cap) {
                    cap *= 2;
                    ids = Arrays.copyOf(ids, cap);
                    xs = Arrays.copyOf(xs, cap);
                    ys = Arrays.copyOf(ys, cap);
                    for (int j = 0; j < cols.length; j++) {
                        cols[j] = Arrays.copyOf(cols[j], cap);
                    }
                }
                String row = parquet ? "row " + (n + 1) : "row " + (n + 1) + " (line " + (n + 2) + ")";
                String id = r.getString(1);
                if (id == null || id.isBlank()) {
                    throw new BundleException(file, CELL_ID, row + ": empty cell id");
                }
                Integer before = seen.putIfAbsent(id, n);
                if (before != null) {
                    throw new BundleException(file, CELL_ID, "duplicate cell id \"" + id + "\" at " + row
                            + " and row " + (before + 1));
                }
                ids[n] = id;
                xs[n] = coordinate(file, r, 2, X, row, id);
                ys[n] = coordinate(file, r, 3, Y, row, id);
                for (int j = 0; j < cols.length; j++) {
                    double v = r.getDouble(4 + j);
                    cols[j][n] = r.wasNull() ? Double.NaN : v;
                }
                n++;
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int j = 0; j < cols.length; j++) {
            columns.put(extra.get(j), Arrays.copyOf(cols[j], n));
        }
        return new CellTable(Arrays.copyOf(ids, n), Arrays.copyOf(xs, n),
                Arrays.copyOf(ys, n), columns);
    }

    private static double coordinate(Path file, ResultSet r, int col, String name, String row, String id) throws SQLException {
        Object o = r.getObject(col);
        if (o == null) {
            throw new BundleException(file, name, row + " (cell " + id + "): empty value");
        }
        double v = ((Number) o).doubleValue();
        if (!Double.isFinite(v)) {
            throw new BundleException(file, name, row + " (cell " + id + "): " + v + " is not a finite coordinate");
        }
        return v;
    }

    private static boolean numeric(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        return t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL.*)");
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
