package org.sigmma.model.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * What a simulated section planted, per cell ({@code truth/cells.csv.gz} of a simulated bundle: cell_id, cell_type,
 * domain, ...), and the tile-level facts the evaluation takes from it: a tile's cell-type composition and its
 * majority domain.
 */
public final class SimulatorTruth {

    public static final String CELLS_FILE = "truth/cells.csv.gz";

    private final Map<String, Integer> typeOf = new HashMap<>();
    private final Map<String, Integer> domainOf = new HashMap<>();
    private final Map<String, PlantedPairs.Cell> geometry = new HashMap<>();
    private final List<String> types;
    private final List<String> domains;

    private SimulatorTruth(Map<String, String[]> rows) {
        TreeSet<String> t = new TreeSet<>();
        TreeSet<String> d = new TreeSet<>();
        rows.values().forEach(r -> {
            t.add(r[0]);
            d.add(r[1]);
        });
        types = List.copyOf(t);
        domains = List.copyOf(d);
        rows.forEach((id, r) -> {
            typeOf.put(id, types.indexOf(r[0]));
            domainOf.put(id, domains.indexOf(r[1]));
            if (r.length > 2) {
                geometry.put(id, new PlantedPairs.Cell(r[0], r[6], r[7], Double.parseDouble(r[2]),
                        Double.parseDouble(r[3]), Double.parseDouble(r[4]), Double.parseDouble(r[5])));
            }
        });
    }

    /** Reads {@code truth/cells.csv.gz} of a simulated bundle folder. */
    public static SimulatorTruth read(Path bundle) throws IOException {
        Path file = bundle.resolve(CELLS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no simulator truth " + file + " (a bundle written by the simulator has one)");
        }
        Map<String, String[]> rows = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(file + ": empty");
            }
            List<String> cols = split(header);
            int id = column(cols, "cell_id", file);
            int type = column(cols, "cell_type", file);
            int domain = column(cols, "domain", file);
            // the geometry the planted-pair rules read; older truth files without it give no planted pairs
            int[] geo = {cols.indexOf("x_centroid"), cols.indexOf("y_centroid"), cols.indexOf("vessel_distance"),
                cols.indexOf("cell_area")};
            int niche = cols.indexOf("niche");
            int contact = cols.indexOf("contact_state");
            boolean hasGeometry = java.util.Arrays.stream(geo).allMatch(i -> i >= 0) && niche >= 0 && contact >= 0;
            String line;
            int row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                List<String> f = split(line);
                if (f.size() < cols.size()) {
                    throw new IOException(file + ": row " + row + " has " + f.size() + " fields, expected " + cols.size());
                }
                if (hasGeometry) {
                    for (int g : geo) {
                        try {
                            Double.parseDouble(f.get(g));
                        } catch (NumberFormatException e) {
                            throw new IOException(file + ": row " + row + ", column " + cols.get(g) + ": not a number: "
                                    + f.get(g));
                        }
                    }
                    rows.put(f.get(id), new String[] {f.get(type), f.get(domain), f.get(geo[0]), f.get(geo[1]),
                        f.get(geo[2]), f.get(geo[3]), f.get(niche), f.get(contact)});
                } else {
                    rows.put(f.get(id), new String[] {f.get(type), f.get(domain)});
                }
            }
        }
        return new SimulatorTruth(rows);
    }

    public List<String> types() {
        return types;
    }

    public List<String> domains() {
        return domains;
    }

    /** Whether the truth holds the cells' geometry, which {@link PlantedPairs} needs. */
    public boolean hasGeometry() {
        return !geometry.isEmpty();
    }

    /** A cell as the planted-pair rules read it. */
    public PlantedPairs.Cell cell(String cellId) {
        PlantedPairs.Cell c = geometry.get(cellId);
        if (c == null) {
            throw new IllegalArgumentException("cell " + cellId + " is not in the simulator truth"
                    + (geometry.isEmpty() ? " (this truth file has no cell geometry)" : ""));
        }
        return c;
    }

    /** The planted type of a cell. */
    public String type(String cellId) {
        return types.get(known(typeOf, cellId));
    }

    /**
     * A cell's planted label at one level: {@code type} (what the micro scale sees), {@code niche} (meso),
     * {@code domain} (macro), or {@code tumour} (the tumour domain against the rest: the paper's Fig. 4 reading); null
     * for a cell the truth does not know.
     */
    public String label(String cellId, String level) {
        return switch (level) {
            case "tumour" -> domainOf.containsKey(cellId)
                    ? (domains.get(domainOf.get(cellId)).equals("tumour") ? "tumour" : "non-tumour") : null;
            case "type" -> typeOf.containsKey(cellId) ? type(cellId) : null;
            case "domain" -> domainOf.containsKey(cellId) ? domains.get(domainOf.get(cellId)) : null;
            case "niche" -> geometry.containsKey(cellId) ? geometry.get(cellId).niche() : null;
            default -> throw new IllegalArgumentException("truth level must be type, niche or domain, not " + level);
        };
    }

    /** Cell-type proportions of the given cells, in {@link #types()} order. */
    public double[] composition(List<String> cellIds) {
        double[] out = new double[types.size()];
        for (String c : cellIds) {
            out[known(typeOf, c)] += 1.0 / cellIds.size();
        }
        return out;
    }

    /** The most frequent domain of the given cells (ties to the lower index). */
    public int majorityDomain(List<String> cellIds) {
        int[] n = new int[domains.size()];
        for (String c : cellIds) {
            n[known(domainOf, c)]++;
        }
        int best = 0;
        for (int d = 1; d < n.length; d++) {
            if (n[d] > n[best]) {
                best = d;
            }
        }
        return best;
    }

    private static int known(Map<String, Integer> m, String cell) {
        Integer v = m.get(cell);
        if (v == null) {
            throw new IllegalArgumentException("cell " + cell + " is not in the simulator truth");
        }
        return v;
    }

    private static int column(List<String> cols, String name, Path file) throws IOException {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new IOException(file + ": no column " + name);
        }
        return i;
    }

    /** One CSV line; fields may be double-quoted with "" for a quote. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    b.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(ch);
            }
        }
        out.add(b.toString());
        return out;
    }
}
