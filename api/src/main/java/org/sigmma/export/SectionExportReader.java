package org.sigmma.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.FeatureSource;
import org.sigmma.schema.Scale;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.SectionStatus;
import org.sigmma.store.Values;

/**
 * Reads one READY section out of the graph into a {@link SectionExport}: its cells page by page (so that no single
 * result holds the whole section), their raw counts, features, embeddings and cluster ids, and the NEAR and LEARNED
 * edges leaving them. Works over any {@link GraphAccess} (embedded or Bolt).
 */
public final class SectionExportReader {

    static final int PAGE = 5000;
    // the columns of the export query are named as the properties they read
    private static final String[] Z = Arrays.stream(Scale.values()).map(Scale::cellEmbeddingProperty).toArray(String[]::new);
    private static final String[] CLUSTER = FeatureSource.all().stream().map(FeatureSource::clusterProperty)
            .toArray(String[]::new);

    private final GraphAccess access;

    public SectionExportReader(GraphAccess access) {
        this.access = access;
    }

    public SectionExport read(String section) {
        List<Map<String, Object>> head = access.read(CypherLibrary.query(CypherLibrary.EXPORT_SECTION), Map.of("section", section));
        if (head.isEmpty()) {
            throw new IllegalArgumentException("--section: no section '" + section + "'");
        }
        Map<String, Object> s = head.get(0);
        String status = Values.asString(s.get("status"));
        if (!SectionStatus.READY.name().equals(status)) {
            throw new IllegalArgumentException("--section: section '" + section + "' is " + status + ", not READY");
        }
        String[] genes = Values.asStringArray(s.get("genes"));
        Map<Integer, Map<?, ?>> tiles = new HashMap<>();
        for (Object t : (List<?>) s.get("tiles")) {
            Map<?, ?> m = (Map<?, ?>) t;
            tiles.put(Values.asInt(m.get("index")), m);
        }

        List<String> cellIds = new ArrayList<>();
        Doubles x = new Doubles();
        Doubles y = new Doubles();
        Ints tile = new Ints();
        List<String> cellType = new ArrayList<>();
        Ints indptr = new Ints();
        indptr.add(0);
        Ints countGenes = new Ints();
        Ints countValues = new Ints();
        Floats features = new Floats();
        int featureDim = -1;
        List<List<float[]>> z = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Ints> clusters = new ArrayList<>();
        for (int k = 0; k < CLUSTER.length; k++) {
            clusters.add(new Ints());
        }
        boolean[] anyCluster = new boolean[CLUSTER.length];
        Set<String> embeddingRuns = new LinkedHashSet<>();
        // edges by source index and target cell id, resolved once every cell has its index
        Ints nearSource = new Ints();
        List<String> nearTarget = new ArrayList<>();
        Floats nearDistance = new Floats();
        Ints learnedSource = new Ints();
        List<String> learnedTarget = new ArrayList<>();
        List<String> learnedScale = new ArrayList<>();
        List<String> learnedRun = new ArrayList<>();
        Floats learnedProbability = new Floats();

        String after = "";
        String prefix = section + ":";
        while (true) {
            List<Map<String, Object>> page = access.read(CypherLibrary.query(CypherLibrary.EXPORT_CELLS),
                    Map.of("section", section, "prefix", prefix, "after", after, "limit", PAGE));
            for (Map<String, Object> r : page) {
                int i = cellIds.size();
                String cellId = Values.asString(r.get("cellId"));
                cellIds.add(cellId);
                x.add(Values.asDouble(r.get("x")));
                y.add(Values.asDouble(r.get("y")));
                tile.add(r.get("tile") == null ? -1 : Values.asInt(r.get("tile")));
                cellType.add(Values.asString(r.get("cellType")));
                int[] g = Values.asIntArray(r.get("countGenes"));
                int[] v = Values.asIntArray(r.get("counts"));
                if (g.length != v.length) {
                    throw new IllegalStateException("cell " + cellId + ": countGenes and counts differ in length");
                }
                countGenes.addAll(g);
                countValues.addAll(v);
                indptr.add(countGenes.size);
                float[] f = Values.asFloatArray(r.get("features"));
                if (featureDim < 0) {
                    featureDim = f.length;
                } else if (f.length != featureDim) {
                    throw new IllegalStateException("cell " + cellId + ": " + f.length + " features, other cells have " + featureDim);
                }
                features.addAll(f);
                for (int k = 0; k < Z.length; k++) {
                    Object e = r.get(Z[k]);
                    z.get(k).add(e == null ? null : Values.asFloatArray(e));
                }
                if (r.get("embeddingRun") != null) {
                    embeddingRuns.add(Values.asString(r.get("embeddingRun")));
                }
                for (int k = 0; k < CLUSTER.length; k++) {
                    Object c = r.get(CLUSTER[k]);
                    anyCluster[k] |= c != null;
                    clusters.get(k).add(c == null ? -1 : Values.asInt(c));
                }
                for (Object o : (List<?>) r.get("near")) {
                    Map<?, ?> e = (Map<?, ?>) o;
                    nearSource.add(i);
                    nearTarget.add(Values.asString(e.get("target")));
                    nearDistance.add((float) Values.asDouble(e.get("distance")));
                }
                for (Object o : (List<?>) r.get("learned")) {
                    Map<?, ?> e = (Map<?, ?>) o;
                    learnedSource.add(i);
                    learnedTarget.add(Values.asString(e.get("target")));
                    learnedScale.add(Values.asString(e.get("scale")));
                    learnedRun.add(Values.asString(e.get("run")));
                    learnedProbability.add((float) Values.asDouble(e.get("probability")));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = Values.asString(page.get(page.size() - 1).get("id"));
        }
        int n = cellIds.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(cellIds.get(i), i);
        }

        int[] tiles0 = tile.toArray();
        String[] tileId = new String[n];
        String[] split = new String[n];
        for (int i = 0; i < n; i++) {
            Map<?, ?> t = tiles.get(tiles0[i]);
            if (t != null) {
                tileId[i] = Values.asString(t.get("id"));
                split[i] = Values.asString(t.get("split"));
            }
        }
        Map<String, SectionExport.Embedding> embeddings = new LinkedHashMap<>();
        for (int k = 0; k < Z.length; k++) {
            SectionExport.Embedding e = stack(z.get(k), cellIds);
            if (e != null) {
                embeddings.put(SectionExport.EMBEDDING_SCALES[k], e);
            }
        }
        Map<String, int[]> clusterIds = new LinkedHashMap<>();
        for (int k = 0; k < CLUSTER.length; k++) {
            if (anyCluster[k]) {
                clusterIds.put(SectionExport.CLUSTER_SCALES[k], clusters.get(k).toArray());
            }
        }
        SectionExport.NearEdges near = new SectionExport.NearEdges(nearSource.toArray(),
                resolve(nearTarget, index, section, "NEAR"), nearDistance.toArray());
        SectionExport.LearnedEdges learned = new SectionExport.LearnedEdges(learnedSource.toArray(),
                resolve(learnedTarget, index, section, "LEARNED"), learnedScale.toArray(String[]::new),
                learnedRun.toArray(String[]::new), learnedProbability.toArray());
        // one run's embeddings per cell is what embed writes; a mix (two runs over parts of the section) is named as such
        String embeddingRun = embeddingRuns.isEmpty() ? null : String.join(",", embeddingRuns);
        return new SectionExport(section, Values.asString(s.get("name")), Values.asDouble(s.get("pixelSizeUm")), genes,
                Values.asIntArray(s.get("hvg")), cellIds.toArray(String[]::new), x.toArray(), y.toArray(), tiles0, tileId,
                split, cellType.toArray(String[]::new), indptr.toArray(), countGenes.toArray(), countValues.toArray(),
                features.toArray(), Math.max(featureDim, 0), embeddings, clusterIds, embeddingRun, near, learned);
    }

    /** Stacks per-cell embeddings into n x dim, NaN rows where a cell has none; null when no cell has one. */
    private static SectionExport.Embedding stack(List<float[]> rows, List<String> cellIds) {
        int dim = -1;
        for (int i = 0; i < rows.size(); i++) {
            float[] r = rows.get(i);
            if (r == null) {
                continue;
            }
            if (dim >= 0 && r.length != dim) {
                throw new IllegalStateException("cell " + cellIds.get(i) + ": embedding of " + r.length + " values, other cells have " + dim);
            }
            dim = r.length;
        }
        if (dim < 0) {
            return null;
        }
        float[] out = new float[rows.size() * dim];
        for (int i = 0; i < rows.size(); i++) {
            float[] r = rows.get(i);
            if (r == null) {
                Arrays.fill(out, i * dim, (i + 1) * dim, Float.NaN);
            } else {
                System.arraycopy(r, 0, out, i * dim, dim);
            }
        }
        return new SectionExport.Embedding(dim, out);
    }

    private static int[] resolve(List<String> targets, Map<String, Integer> index, String section, String type) {
        int[] out = new int[targets.size()];
        for (int i = 0; i < out.length; i++) {
            Integer t = index.get(targets.get(i));
            if (t == null) {
                // an edge to a cell of another section would be a broken graph, not something to export silently
                throw new IllegalStateException(type + " edge to cell " + targets.get(i) + " outside section " + section);
            }
            out[i] = t;
        }
        return out;
    }

    /** Growable primitive arrays (a section has millions of counts: no boxing). */
    private static final class Ints {
        int[] a = new int[1024];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        void addAll(int[] v) {
            if (size + v.length > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, size + v.length));
            }
            System.arraycopy(v, 0, a, size, v.length);
            size += v.length;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    private static final class Floats {
        float[] a = new float[1024];
        int size;

        void add(float v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        void addAll(float[] v) {
            if (size + v.length > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, size + v.length));
            }
            System.arraycopy(v, 0, a, size, v.length);
            size += v.length;
        }

        float[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    private static final class Doubles {
        double[] a = new double[1024];
        int size;

        void add(double v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
