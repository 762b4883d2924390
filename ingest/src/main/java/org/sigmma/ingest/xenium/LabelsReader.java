package org.sigmma.ingest.xenium;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads per-cell labels from a CSV (optionally gzip): a header with a cell id column ({@code cell_id},
 * {@code barcode}, {@code cell}) and a label column ({@code label}, {@code cell_type}, {@code cluster},
 * {@code group}, {@code annotation}); names compare case-insensitively, ignoring spaces and underscores.
 * Every id must be a cell of the section; cells with an empty label stay unlabelled.
 */
public final class LabelsReader {

    private static final List<String> ID_NAMES = List.of("cellid", "barcode", "cell", "cellbarcode");
    private static final List<String> LABEL_NAMES = List.of("label", "celltype", "cluster", "group", "annotation");

    private LabelsReader() {
    }

    /** Labels by cell id, in file order; {@code knownCells} are the ids of the cells table. */
    public static Map<String, String> read(Path file, Set<String> knownCells) {
        List<String> lines = GzipText.lines(file);
        if (lines.isEmpty()) {
            throw new BundleException(file, "header", "empty file");
        }
        List<String> header = split(file, 1, strip(lines.get(0)));
        int idCol = find(header, ID_NAMES);
        int labelCol = find(header, LABEL_NAMES);
        if (idCol < 0 || labelCol < 0) {
            throw new BundleException(file, "header", "expected a cell id column (cell_id / barcode) and a label column "
                    + "(label / cell_type / cluster / group), found " + header);
        }
        String idName = header.get(idCol);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> cols = split(file, i + 1, line);
            if (cols.size() <= Math.max(idCol, labelCol)) {
                throw new BundleException(file, "line " + (i + 1), "has " + cols.size() + " fields, the header has " + header.size());
            }
            String id = cols.get(idCol).strip();
            String label = cols.get(labelCol).strip();
            if (!knownCells.contains(id)) {
                throw new BundleException(file, idName, "line " + (i + 1) + ": cell id \"" + id + "\" is not in the cells table");
            }
            Integer before = lineOf.putIfAbsent(id, i + 1);
            if (before != null) {
                throw new BundleException(file, idName, "line " + (i + 1) + ": cell id \"" + id + "\" is labelled again (first on line " + before + ")");
            }
            if (!label.isEmpty()) {
                labels.put(id, label);
            }
        }
        return labels;
    }

    private static String strip(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static int find(List<String> header, List<String> names) {
        for (String want : names) {
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "").strip();
                if (h.equals(want)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** One CSV record of one line: commas separate, double quotes enclose, "" is a quote. */
    static List<String> split(Path file, int lineNo, String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (ch != '\r') {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new BundleException(file, "line " + lineNo, "unterminated quoted field");
        }
        out.add(cur.toString());
        return out;
    }
}
