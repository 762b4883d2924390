package org.sigmma.model.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.sigmma.ingest.expression.HighlyVariableGenes;
import org.sigmma.ingest.expression.LogNormaliser;
import org.sigmma.ingest.expression.Pca;
import org.sigmma.ingest.expression.PcaModel;
import org.sigmma.ingest.expression.PcaParameters;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.expression.SparseExpression;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.neighbours.NeighbourGraph;
import org.sigmma.ingest.neighbours.NeighbourGraphBuilder;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.ingest.xenium.XeniumBundle;
import org.sigmma.ingest.xenium.XeniumReader;
import org.sigmma.model.spatial.CoOccurrence;
import org.sigmma.model.spatial.CoOccurrenceParameters;
import org.sigmma.model.spatial.EnrichmentParameters;
import org.sigmma.model.spatial.NearGraph;
import org.sigmma.model.spatial.NeighbourhoodEnrichment;
import org.sigmma.model.spatial.NicheFeatures;
import org.sigmma.model.spatial.NicheParameters;

/**
 * The platform side of the spatial-statistics benchmark (bench/python/spatial_ref.py is the reference side). Builds a
 * section (the shipped mouse-brain sample through ingest's own PCA and Delaunay NEAR graph, with k-means labels; or a
 * simulated jittered-grid section of n cells), writes its arrays (little-endian raw files) to --out, times niche
 * features, neighbourhood enrichment and co-occurrence, and writes their outputs and java.json (times, heap peaks).
 *
 * <pre>
 *   SpatialBenchMain --section mouse|simulated [--cells N] --out DIR [--threads T] [--perms P] [--hops L]
 *                    [--interval FROM,TO,NUM] [--seed S]
 * </pre>
 * Times: niche features and co-occurrence run twice, the faster run is reported (the first pays JIT warm-up);
 * enrichment runs once at 20 permutations to warm up, then once at P. Memory: the heap's peak during a run (the larger
 * of the pools' peaks and the heap in use sampled every 2 ms) minus the heap in use after a GC before it.
 */
public final class SpatialBenchMain {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpatialBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String section = a.getOrDefault("section", "simulated");
        Path out = Paths.get(a.getOrDefault("out", "target/spatial-bench"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
        int perms = Integer.parseInt(a.getOrDefault("perms", "1000"));
        int hops = Integer.parseInt(a.getOrDefault("hops", "3"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        String[] iv = a.getOrDefault("interval", "0,100,11").split(",");
        Files.createDirectories(out);

        Map<String, Object> info = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Section s = section.equals("mouse") ? mouse(Paths.get(a.getOrDefault("sample",
                "samples/xenium_mouse_brain_ctx_hp")), seed, info) : simulated(Integer.parseInt(a.getOrDefault("cells", "100000")), seed);
        info.put("prepareSeconds", (System.nanoTime() - t0) / 1e9);
        NearGraph g = NearGraph.fromEdges(s.n, s.src, s.dst);
        info.put("section", section);
        info.put("cells", s.n);
        info.put("edges", g.edgeCount());
        info.put("dim", s.dim);
        info.put("clusters", Arrays.stream(s.labels).distinct().count());
        info.put("threads", threads);
        info.put("permutations", perms);
        info.put("hops", hops);
        info.put("seed", seed);
        info.put("meanEdgeUm", meanEdge(s));
        info.put("hopDistanceUm", hopDistances(g, s, 8, 2000, seed));
        System.out.println("section " + section + ": " + s.n + " cells, " + g.edgeCount() + " edges, d = " + s.dim);

        writeF64(out.resolve("x.f64"), s.x);
        writeF64(out.resolve("y.f64"), s.y);
        writeF32(out.resolve("features.f32"), s.features);
        writeI32(out.resolve("src.i32"), s.src);
        writeI32(out.resolve("dst.i32"), s.dst);
        writeI32(out.resolve("labels.i32"), s.labels);

        Map<String, Object> timing = new LinkedHashMap<>();
        NicheParameters np = new NicheParameters(hops, threads);
        NicheFeatures.Result niche = timed(timing, "niche", 2, () -> NicheFeatures.of(g, s.features, s.dim, np).compute());
        writeF32(out.resolve("niche.f32"), niche.values());
        info.put("nicheEmptyLayers", niche.emptyLayers());

        if (s.pcaLabels) {
            // the check: k-means k = 10 on the PCA alone, and on the PCA with its hop-layer means
            int[] nicheLabels = KMeans.fit(niche.values(), s.n, niche.outputDim(), 10, seed, 100);
            info.put("sameClusterShareNearEdgesPca", sameShare(s.src, s.dst, s.labels));
            info.put("sameClusterShareNearEdgesNiche", sameShare(s.src, s.dst, nicheLabels));
            writeI32(out.resolve("niche_labels.i32"), nicheLabels);
        }

        EnrichmentParameters ep = new EnrichmentParameters(perms, seed, threads);
        NeighbourhoodEnrichment.of(g, s.labels, ep.withPermutations(20)).compute();
        NeighbourhoodEnrichment.Result en = timed(timing, "enrichment", 1, () -> NeighbourhoodEnrichment.of(g, s.labels, ep).compute());
        writeF64(out.resolve("enrich_z.f64"), flat(en.zScores()));
        writeF64(out.resolve("enrich_mean.f64"), flat(en.permutationMean()));
        writeF64(out.resolve("enrich_std.f64"), flat(en.permutationStd()));
        writeF64(out.resolve("enrich_expected.f64"), flat(en.expected()));
        double[] counts = flat(Arrays.stream(en.counts()).map(r -> Arrays.stream(r).asDoubleStream().toArray()).toArray(double[][]::new));
        writeF64(out.resolve("enrich_counts.f64"), counts);

        CoOccurrenceParameters cp = new CoOccurrenceParameters(CoOccurrenceParameters.linspace(
                Double.parseDouble(iv[0]), Double.parseDouble(iv[1]), Integer.parseInt(iv[2])).interval(), threads);
        CoOccurrence.Result co = timed(timing, "cooccurrence", 2, () -> CoOccurrence.of(s.x, s.y, s.labels, cp).compute());
        writeF64(out.resolve("interval.f64"), co.interval());
        List<Double> occ = new ArrayList<>();
        for (double[][] m : co.ratios()) {
            for (double[] r : m) {
                for (double v : r) {
                    occ.add(v);
                }
            }
        }
        writeF64(out.resolve("cooc_occ.f64"), occ.stream().mapToDouble(Double::doubleValue).toArray());
        if (section.equals("mouse")) {
            // squidpy's default interval (50 values up to half the section's diagonal): all pairs, O(n^2)
            double[] def = CoOccurrence.squidpyInterval(s.x, s.y, 50);
            info.put("squidpyDefaultIntervalMaxUm", def[def.length - 1]);
            timed(timing, "cooccurrenceSquidpyDefaultInterval", 1, () -> CoOccurrence.of(s.x, s.y, s.labels,
                    new CoOccurrenceParameters(def, threads)).compute());
        }
        info.put("interval", co.interval());
        info.put("java", timing);
        info.put("javaVmHwmKb", vmHwmKb());
        info.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        JSON.writeValue(out.resolve("java.json").toFile(), info);
        System.out.println("done " + JSON.writeValueAsString(timing).replaceAll("\\s+", " "));
    }

    private static <T> T timed(Map<String, Object> timing, String name, int rounds, Supplier<T> run) {
        T result = null;
        double best = Double.POSITIVE_INFINITY;
        long peakExtra = 0;
        List<Double> all = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            result = null;
            System.gc();
            long base = heapUsed();
            List<MemoryPoolMXBean> pools = heapPools();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            // pool peaks are only updated at a GC, so a sampler thread watches the heap in use as well
            java.util.concurrent.atomic.AtomicLong sampled = new java.util.concurrent.atomic.AtomicLong(base);
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    sampled.accumulateAndGet(heapUsed(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long t = System.nanoTime();
            result = run.get();
            double s = (System.nanoTime() - t) / 1e9;
            running.set(false);
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sampled.accumulateAndGet(heapUsed(), Math::max);
            long peak = Math.max(sampled.get(), pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
            all.add(s);
            best = Math.min(best, s);
            peakExtra = Math.max(peakExtra, peak - base);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", best);
        m.put("rounds", all);
        m.put("heapPeakExtraMiB", peakExtra / 1048576.0);
        timing.put(name, m);
        System.out.printf("%s: %.3f s (rounds %s), heap peak +%.1f MiB%n", name, best, all, peakExtra / 1048576.0);
        return result;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long vmHwmKb() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    record Section(int n, double[] x, double[] y, float[] features, int dim, int[] src, int[] dst, int[] labels,
                   boolean pcaLabels) {
    }

    /** The shipped sample through ingest's own steps (SectionLoader.prepare): log1p CP10k, HVG, PCA, Delaunay. */
    static Section mouse(Path dir, long seed, Map<String, Object> info) {
        IngestParameters p = IngestParameters.defaults();
        try (XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(dir)) {
            SparseCounts counts = b.matrix().counts();
            int n = counts.nCells();
            SparseExpression log = LogNormaliser.log1pCp10k(counts);
            int[] hvg = HighlyVariableGenes.select(log, Math.min(p.highlyVariable(), counts.nGenes()));
            Arrays.sort(hvg);
            int k = Math.max(1, Math.min(p.pcaComponents(), Math.min(hvg.length, n) - 1));
            PcaModel pca = Pca.fit(log, PcaParameters.of(k).withGenes(hvg).withSeed(p.seed()), 1, f -> { });
            float[] features = new float[n * k];
            pca.transformInto(log, features, 0);
            double[] x = b.cells().x(), y = b.cells().y();
            NeighbourGraph g = NeighbourGraphBuilder.of(x, y).method(p.neighbours(), p.neighbourParam())
                    .maxEdgeLength(p.maxEdgeLengthUm()).build();
            int[] labels = KMeans.fit(features, n, k, 10, seed, 100);
            info.put("pcaComponents", k);
            info.put("neighbours", p.neighbours() + ", max edge " + p.maxEdgeLengthUm() + " um");
            return new Section(n, x.clone(), y.clone(), features, k, g.source(), g.target(), labels, true);
        }
    }

    /**
     * n cells on a jittered 10 um grid (one cell per 100 um^2, as in tissue), a Delaunay graph pruned at 30 um,
     * 32 smooth-field features with noise, and 10 clusters from smooth domains with 20% of the cells relabelled at
     * random (so that enrichment has both strong and weak pairs).
     */
    static Section simulated(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int side = (int) Math.ceil(Math.sqrt(n));
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % side) * 10.0 + rng.nextDouble(-3.5, 3.5);
            y[i] = (i / side) * 10.0 + rng.nextDouble(-3.5, 3.5);
        }
        NeighbourGraph g = NeighbourGraphBuilder.of(x, y).delaunay().maxEdgeLength(30).build();
        int dim = 32, k = 10;
        double[] fx = new double[dim], fy = new double[dim], ph = new double[dim];
        for (int q = 0; q < dim; q++) {
            fx[q] = rng.nextDouble(0.002, 0.03);
            fy[q] = rng.nextDouble(0.002, 0.03);
            ph[q] = rng.nextDouble(0, 2 * Math.PI);
        }
        float[] f = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < dim; q++) {
                f[i * dim + q] = (float) (Math.sin(x[i] * fx[q] + ph[q]) * Math.cos(y[i] * fy[q]) + 0.7 * rng.nextGaussian());
            }
        }
        double[] ax = new double[k], ay = new double[k], ap = new double[k];
        for (int c = 0; c < k; c++) {
            ax[c] = rng.nextDouble(-0.01, 0.01);
            ay[c] = rng.nextDouble(-0.01, 0.01);
            ap[c] = rng.nextDouble(0, 2 * Math.PI);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < 0.2) {
                labels[i] = rng.nextInt(k);
                continue;
            }
            int best = 0;
            double bv = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double v = Math.sin(x[i] * ax[c] + y[i] * ay[c] + ap[c]);
                if (v > bv) {
                    bv = v;
                    best = c;
                }
            }
            labels[i] = best;
        }
        return new Section(n, x, y, f, dim, g.source(), g.target(), labels, false);
    }

    static double meanEdge(Section s) {
        double sum = 0;
        for (int e = 0; e < s.src.length; e++) {
            sum += Math.hypot(s.x[s.src[e]] - s.x[s.dst[e]], s.y[s.src[e]] - s.y[s.dst[e]]);
        }
        return sum / Math.max(1, s.src.length);
    }

    /** Mean Euclidean distance from a cell to the cells of its hop layer l, l = 1..maxHops, over a sample of cells. */
    static double[] hopDistances(NearGraph g, Section s, int maxHops, int sample, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] sum = new double[maxHops];
        long[] cnt = new long[maxHops];
        int[] mark = new int[s.n];
        Arrays.fill(mark, -1);
        for (int t = 0; t < sample; t++) {
            int c = rng.nextInt(s.n);
            List<Integer> cur = new ArrayList<>(List.of(c));
            mark[c] = t;
            for (int l = 0; l < maxHops && !cur.isEmpty(); l++) {
                List<Integer> next = new ArrayList<>();
                for (int u : cur) {
                    for (int e = g.offsets()[u]; e < g.offsets()[u + 1]; e++) {
                        int v = g.neighbours()[e];
                        if (mark[v] != t) {
                            mark[v] = t;
                            next.add(v);
                            sum[l] += Math.hypot(s.x[v] - s.x[c], s.y[v] - s.y[c]);
                            cnt[l]++;
                        }
                    }
                }
                cur = next;
            }
        }
        double[] out = new double[maxHops];
        for (int l = 0; l < maxHops; l++) {
            out[l] = cnt[l] == 0 ? Double.NaN : sum[l] / cnt[l];
        }
        return out;
    }

    static double sameShare(int[] src, int[] dst, int[] labels) {
        long same = 0;
        for (int e = 0; e < src.length; e++) {
            same += labels[src[e]] == labels[dst[e]] ? 1 : 0;
        }
        return (double) same / Math.max(1, src.length);
    }

    private static double[] flat(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }

    static void writeF64(Path p, double[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        write(p, b);
    }

    static void writeF32(Path p, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        write(p, b);
    }

    static void writeI32(Path p, int[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        write(p, b);
    }

    private static void write(Path p, ByteBuffer b) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            b.rewind();
            while (b.hasRemaining()) {
                c.write(b);
            }
        }
    }

    /** Lloyd's k-means with k-means++ seeding, for benchmark labels only (the platform clusters with GDS). */
    static final class KMeans {
        private KMeans() {
        }

        static int[] fit(float[] x, int n, int d, int k, long seed, int maxIter) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] c = new double[k * d];
            double[] dist = new double[n];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            int first = rng.nextInt(n);
            for (int f = 0; f < d; f++) {
                c[f] = x[first * d + f];
            }
            for (int j = 1; j < k; j++) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    dist[i] = Math.min(dist[i], d2(x, i, c, j - 1, d));
                    total += dist[i];
                }
                double r = rng.nextDouble() * total;
                int pick = n - 1;
                for (int i = 0; i < n; i++) {
                    r -= dist[i];
                    if (r <= 0) {
                        pick = i;
                        break;
                    }
                }
                for (int f = 0; f < d; f++) {
                    c[j * d + f] = x[pick * d + f];
                }
            }
            int[] lab = new int[n];
            Arrays.fill(lab, -1);
            for (int it = 0; it < maxIter; it++) {
                boolean changed = false;
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    double bd = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        double v = d2(x, i, c, j, d);
                        if (v < bd) {
                            bd = v;
                            best = j;
                        }
                    }
                    if (lab[i] != best) {
                        lab[i] = best;
                        changed = true;
                    }
                }
                if (!changed) {
                    break;
                }
                double[] sum = new double[k * d];
                int[] size = new int[k];
                for (int i = 0; i < n; i++) {
                    size[lab[i]]++;
                    for (int f = 0; f < d; f++) {
                        sum[lab[i] * d + f] += x[i * d + f];
                    }
                }
                for (int j = 0; j < k; j++) {
                    if (size[j] > 0) {
                        for (int f = 0; f < d; f++) {
                            c[j * d + f] = sum[j * d + f] / size[j];
                        }
                    }
                }
            }
            return lab;
        }

        private static double d2(float[] x, int i, double[] c, int j, int d) {
            double s = 0;
            for (int f = 0; f < d; f++) {
                double v = x[i * d + f] - c[j * d + f];
                s += v * v;
            }
            return s;
        }
    }
}
