package org.sigmma.ingest.xenium;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * Reads a 10x MEX folder ({@code cell_feature_matrix/}): {@code matrix.mtx.gz} (MatrixMarket coordinate,
 * features x cells, 1-based), {@code features.tsv.gz} (id, name, type) and {@code barcodes.tsv.gz}.
 * The MatrixMarket parser is a byte-level one: a section has millions of entries.
 */
public final class MexMatrixReader {

    private MexMatrixReader() {
    }

    /** The three files of a MEX folder, compressed or not (the compressed name wins when both exist). */
    public static Path[] files(Path dir) {
        return new Path[] {pick(dir, "matrix.mtx"), pick(dir, "features.tsv"), pick(dir, "barcodes.tsv")};
    }

    private static Path pick(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.exists(gz) || !Files.exists(dir.resolve(name))) {
            return gz;
        }
        return dir.resolve(name);
    }

    public static FeatureMatrix read(Path dir) {
        Path[] f = files(dir);
        FeatureTable features = readFeatures(f[1]);
        String[] barcodes = readBarcodes(f[2]);
        SparseCounts counts = readMatrix(f[0], features.size(), barcodes.length, barcodes);
        return new FeatureMatrix(barcodes, features, counts);
    }

    static FeatureTable readFeatures(Path file) {
        List<String> lines = GzipText.lines(file);
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isEmpty()) {
            n--;
        }
        String[] ids = new String[n];
        String[] names = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            String[] cols = lines.get(i).split("\t", -1);
            if (cols.length < 2 || cols[0].isEmpty()) {
                throw new BundleException(file, "line " + (i + 1), "expected id<TAB>name[<TAB>type], found \"" + lines.get(i) + "\"");
            }
            ids[i] = cols[0];
            names[i] = cols[1];
            types[i] = cols.length >= 3 ? cols[2] : "Gene Expression";
        }
        return new FeatureTable(ids, names, types);
    }

    static String[] readBarcodes(Path file) {
        List<String> lines = GzipText.lines(file);
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isEmpty()) {
            n--;
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            String b = lines.get(i).strip();
            if (b.isEmpty()) {
                throw new BundleException(file, "line " + (i + 1), "empty barcode");
            }
            out[i] = b;
        }
        return out;
    }

    /** Parses the coordinate file into cells x features CSR (the file is features x cells). */
    static SparseCounts readMatrix(Path file, int nFeatures, int nCells, String[] barcodes) {
        try (InputStream in = GzipText.openUnbuffered(file)) {
            Tokens t = new Tokens(in);
            String header = t.line();
            if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("%%matrixmarket matrix coordinate")) {
                throw new BundleException(file, "header", "expected \"%%MatrixMarket matrix coordinate integer general\", found \"" + header + "\"");
            }
            String h = header.toLowerCase(Locale.ROOT);
            boolean real = h.contains(" real");
            if (!(h.contains(" integer") || real) || !h.contains("general")) {
                throw new BundleException(file, "header", "only integer (or real) general coordinate matrices are supported: \"" + header + "\"");
            }
            t.skipComments();
            long rows = t.number(file, "size line");
            long cols = t.number(file, "size line");
            long nnzL = t.number(file, "size line");
            if (rows != nFeatures || cols != nCells) {
                throw new BundleException(file, "size line", "declares " + rows + " features x " + cols + " cells, but features.tsv has "
                        + nFeatures + " and barcodes.tsv " + nCells);
            }
            if (nnzL < 0 || nnzL > Integer.MAX_VALUE - 8) {
                throw new BundleException(file, "size line", "bad number of entries " + nnzL);
            }
            int nnz = (int) nnzL;
            int[] feat = new int[nnz];
            int[] cell = new int[nnz];
            int[] val = new int[nnz];
            int[] perCell = new int[nCells + 1];
            for (int k = 0; k < nnz; k++) {
                // the entry's name is built only for an error message: no String per entry
                long r = t.number(file, null, k + 1);
                if (r == Tokens.EOF) {
                    throw new BundleException(file, "entries", "declares " + nnz + " entries but ends after " + k);
                }
                long c = t.number(file, null, k + 1);
                double v = real ? t.decimal(file, "entry " + (k + 1)) : t.number(file, null, k + 1);
                if (c == Tokens.EOF || v == Tokens.EOF) {
                    throw new BundleException(file, "entries", "ends in the middle of entry " + (k + 1));
                }
                if (r < 1 || r > nFeatures || c < 1 || c > nCells) {
                    throw new BundleException(file, "entry " + (k + 1), "(" + r + ", " + c + ") lies outside "
                            + nFeatures + " x " + nCells);
                }
                if (v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                    throw new BundleException(file, "entry " + (k + 1), "value " + v + " is not a count");
                }
                feat[k] = (int) r - 1;
                cell[k] = (int) c - 1;
                val[k] = (int) v;
                perCell[cell[k] + 1]++;
            }
            if (t.number(file, "after the last entry") != Tokens.EOF) {
                throw new BundleException(file, "entries", "more than the declared " + nnz + " entries");
            }
            for (int c = 0; c < nCells; c++) {
                perCell[c + 1] += perCell[c];
            }
            int[] fill = perCell.clone();
            int[] indices = new int[nnz];
            int[] values = new int[nnz];
            for (int k = 0; k < nnz; k++) {
                int at = fill[cell[k]]++;
                indices[at] = feat[k];
                values[at] = val[k];
            }
            for (int c = 0; c < nCells; c++) {
                SparseRows.sortRow(file, "entries", indices, values, perCell[c], perCell[c + 1], "cell " + barcodes[c]);
            }
            return new SparseCounts(nCells, nFeatures, perCell, indices, values);
        } catch (IOException e) {
            throw GzipText.failure(file, e, "the matrix entries");
        }
    }

    /**
     * Whitespace-separated tokens from a byte stream, through its own buffer: the stream is read in 64 KiB blocks
     * (a byte-wise {@code BufferedInputStream.read()} takes a lock per byte).
     */
    private static final class Tokens {
        static final long EOF = Long.MIN_VALUE;
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int lim;
        private int peek = -2;
        private long line = 1;

        Tokens(InputStream in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (peek != -2) {
                int p = peek;
                peek = -2;
                return p;
            }
            if (pos < lim) {
                return buf[pos++] & 0xFF;
            }
            return fill();
        }

        private int fill() throws IOException {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                lim = 0;
                pos = 0;
                return -1;
            }
            lim = n;
            pos = 1;
            return buf[0] & 0xFF;
        }

        String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = read()) >= 0 && b != '\n') {
                sb.append((char) b);
            }
            line++;
            return b < 0 && sb.length() == 0 ? null : sb.toString().strip();
        }

        void skipComments() throws IOException {
            while (true) {
                int b = read();
                if (b == '%') {
                    line();
                } else {
                    peek = b;
                    return;
                }
            }
        }

        private int skipSpace() throws IOException {
            int b;
            while ((b = read()) == ' ' || b == '\t' || b == '\n' || b == '\r') {
                if (b == '\n') {
                    line++;
                }
            }
            return b;
        }

        long number(Path file, String what) throws IOException {
            return number(file, what, 0);
        }

        /** {@code what} names the token in an error; when null, "entry {@code entry}" does. */
        long number(Path file, String what, long entry) throws IOException {
            int b = skipSpace();
            if (b < 0) {
                return EOF;
            }
            boolean neg = b == '-';
            if (neg) {
                b = read();
            }
            if (b < '0' || b > '9') {
                throw new BundleException(file, what != null ? what : "entry " + entry,
                        "expected a whole number at line " + line + ", found '" + (char) b + "'");
            }
            long v = 0;
            while (b >= '0' && b <= '9') {
                v = v * 10 + (b - '0');
                b = read();
            }
            if (b == '.' || b == 'e' || b == 'E') {
                throw new BundleException(file, what != null ? what : "entry " + entry,
                        "expected a whole number at line " + line);
            }
            peek = b;
            return neg ? -v : v;
        }

        double decimal(Path file, String what) throws IOException {
            int b = skipSpace();
            StringBuilder sb = new StringBuilder();
            while (b >= 0 && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                sb.append((char) b);
                b = read();
            }
            peek = b;
            try {
                return Double.parseDouble(sb.toString());
            } catch (NumberFormatException e) {
                throw new BundleException(file, what, "expected a number at line " + line + ", found \"" + sb + "\"");
            }
        }
    }
}
