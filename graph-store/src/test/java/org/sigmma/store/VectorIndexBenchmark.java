package org.sigmma.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmma.cypher.CypherLibrary;

/**
 * Cross-modal retrieval at scale through the tile vector index (issue 16): {@code bench.tiles} tiles (default 100,000,
 * in sections of 1,000) carry a 64-dimensional ST embedding at the macro scale, drawn around 200 centres as trained
 * embeddings cluster; queries are other tiles' embeddings plus noise (an HE embedding near its ST pair). For each query:
 * {@code retrieval-nearest-tiles-read} (100 candidates, ranked exactly, the best 10 kept, as the REST route does) timed, against the exact cosine top 10 over all tiles
 * in memory (recall@10) and the exact ranking as scope=section does it (read every candidate through Cypher, rank in
 * Java). Not a unit test; run with {@code mvn -B -o -q -pl graph-store test -Dtest=VectorIndexBenchmark
 * -Dtest.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}; writes {@code bench.out} (default
 * docs/results/vector-index.json).
 */
@Tag("benchmark")
class VectorIndexBenchmark {

    static final int DIM = 64;
    static final int K = 10;

    @Test
    void indexedRetrievalAgainstExactRanking() throws Exception {
        int n = Integer.getInteger("bench.tiles", 100_000);
        int queries = Integer.getInteger("bench.queries", 300);
        Path out = Path.of(System.getProperty("bench.out", "../docs/results/vector-index.json"));
        Random rnd = new Random(7);
        float[][] centres = new float[200][DIM];
        for (float[] c : centres) {
            for (int d = 0; d < DIM; d++) {
                c[d] = (float) rnd.nextGaussian();
            }
        }
        float[][] st = new float[n][];
        for (int i = 0; i < n; i++) {
            st[i] = noisy(centres[rnd.nextInt(centres.length)], 0.5, rnd);
        }
        Path dir = TempDirs.create("vector-index-bench");
        try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(dir).withoutGds().withPageCache(1L << 30))) {
            long t0 = System.nanoTime();
            for (int start = 0; start < n; start += 5_000) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + 5_000); i++) {
                    rows.add(Map.of("id", "v" + (i / 1000) + ":t" + i, "section", "v" + (i / 1000), "row", i % 1000 / 40,
                            "col", i % 40, "e", st[i]));
                }
                graph.access().write("UNWIND $rows AS r CREATE (t:Tile {id: r.id, section: r.section, row: r.row, "
                        + "col: r.col, split: 'test', embeddingRun: 'bench', stMacro: r.e})", Map.of("rows", rows));
            }
            double writeS = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            graph.access().write("CALL db.awaitIndexes(1200)", Map.of());
            double indexS = (System.nanoTime() - t1) / 1e9;

            String nearest = CypherLibrary.query(CypherLibrary.RETRIEVAL_NEAREST_TILES);
            String section = CypherLibrary.query(CypherLibrary.TILE_EMBEDDINGS);
            double[] indexMs = new double[queries];
            double[] sectionMs = new double[queries];
            double recall = 0;
            for (int q = 0; q < queries + 20; q++) {
                int pair = rnd.nextInt(n);
                float[] query = noisy(st[pair], 0.2, rnd);
                long a = System.nanoTime();
                List<Map<String, Object>> proposed = graph.access().read(nearest, Map.of("index", "tile_st_macro",
                        "candidates", 10L * K, "embedding", query, "run", "bench", "property", "stMacro"));
                float[][] e = new float[proposed.size()][];
                for (int j = 0; j < e.length; j++) {
                    e[j] = Values.asFloatArray(proposed.get(j).get("embedding"));
                }
                List<Map<String, Object>> hits = new ArrayList<>();
                for (int j : top(query, e, K)) {
                    hits.add(proposed.get(j));
                }
                double ms = (System.nanoTime() - a) / 1e6;
                long b = System.nanoTime();
                List<Map<String, Object>> candidates = graph.access().read(section, Map.of("section", "v" + (pair / 1000),
                        "property", "stMacro", "run", "bench"));
                float[][] c = new float[candidates.size()][];
                for (int j = 0; j < c.length; j++) {
                    c[j] = Values.asFloatArray(candidates.get(j).get("embedding"));
                }
                top(query, c, K);
                double sms = (System.nanoTime() - b) / 1e6;
                if (q < 20) {
                    continue; // warm-up
                }
                indexMs[q - 20] = ms;
                sectionMs[q - 20] = sms;
                Set<String> exact = new HashSet<>();
                for (int j : top(query, st, K)) {
                    exact.add("v" + (j / 1000) + ":t" + j);
                }
                int found = 0;
                for (Map<String, Object> h : hits) {
                    found += exact.contains(Values.asString(h.get("id"))) ? 1 : 0;
                }
                recall += found / (double) K;
            }
            recall /= queries;
            Arrays.sort(indexMs);
            Arrays.sort(sectionMs);
            String json = String.format(Locale.ROOT, "{\"tiles\": %d, \"dim\": %d, \"k\": %d, \"queries\": %d, "
                            + "\"writeS\": %.1f, \"indexS\": %.1f, \"indexMedianMs\": %.2f, \"indexP99Ms\": %.2f, "
                            + "\"recallAt10\": %.4f, \"sectionExactMedianMs\": %.2f, \"sectionExactP99Ms\": %.2f, "
                            + "\"sectionTiles\": 1000}%n", n, DIM, K, queries, writeS, indexS, indexMs[queries / 2],
                    indexMs[(int) Math.ceil(queries * 0.99) - 1], recall, sectionMs[queries / 2],
                    sectionMs[(int) Math.ceil(queries * 0.99) - 1]);
            System.out.print("RESULT " + json);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static float[] noisy(float[] v, double sd, Random rnd) {
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = (float) (v[d] + sd * rnd.nextGaussian());
        }
        return out;
    }

    /** Indices of the k rows most cosine-similar to q. */
    private static int[] top(float[] q, float[][] rows, int k) {
        double nq = 0;
        for (float x : q) {
            nq += x * (double) x;
        }
        double[] sim = new double[rows.length];
        Integer[] idx = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double dot = 0;
            double ne = 0;
            for (int d = 0; d < q.length; d++) {
                dot += q[d] * (double) rows[i][d];
                ne += rows[i][d] * (double) rows[i][d];
            }
            sim[i] = dot / Math.sqrt(nq * ne);
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(sim[b], sim[a]));
        int[] out = new int[Math.min(k, rows.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
