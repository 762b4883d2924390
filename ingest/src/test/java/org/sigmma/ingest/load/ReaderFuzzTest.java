package org.sigmma.ingest.load;

import static org.junit.jupiter.api.Assertions.*;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulatedSection;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.BundleException;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.SectionInfo;
import org.sigmma.store.SectionRepository;
import org.sigmma.store.StoreSettings;

/**
 * Bad input at scale: a fixed-seed, bounded set of corrupted bundles fed to the real ingest path ({@link SectionLoader}
 * into a real embedded database). Two small simulated bundles are the originals: one as Xenium writes it with gzip
 * text (cells.csv.gz, the MEX folder) and a registered pyramidal TIFF, one with cells.parquet and a 10x
 * cell_feature_matrix.h5. Each case corrupts one file (truncation, bit flips, zeroed runs, random bytes, or for h5 a
 * well-formed file of the wrong layout) and ingests the copy. Every case must end, within a time bound, either in a
 * {@link BundleException} whose message names the corrupted file, or in a successful ingest (the corruption was
 * harmless, e.g. a flip in a gzip header's time stamp or in an image's pixels); and afterwards the database must hold
 * the section ingested before the fuzzing unchanged, no LOADING section, and nothing of a refused bundle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderFuzzTest {

    static final long SEED = 20261127L;
    static final int CASES = 200;
    static final long CASE_SECONDS = 30;

    Path tmp;
    Path textBundle;
    Path binaryBundle;
    EmbeddedGraph graph;
    SectionRepository sections;
    SectionInfo base;
    final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    void setUp() throws Exception {
        tmp = Files.createTempDirectory("reader-fuzz");
        SimulatedSection s = SectionSimulator.simulate(SimulationParameters.of(240, 100, 11));
        textBundle = tmp.resolve("text");
        BundleWriter.write(s, textBundle, f -> { });
        deleteTree(textBundle.resolve("truth"));
        // the text bundle is read from csv.gz and MEX: without these two the reader would take the binary files
        Files.delete(textBundle.resolve("cells.parquet"));
        Files.delete(textBundle.resolve("cell_feature_matrix.h5"));
        binaryBundle = tmp.resolve("binary");
        Files.createDirectories(binaryBundle);
        Files.copy(textBundle.resolve("experiment.xenium"), binaryBundle.resolve("experiment.xenium"));
        Files.copy(textBundle.resolve("cell_types.csv"), binaryBundle.resolve("cell_types.csv"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv('" + textBundle.resolve("cells.csv.gz") + "', header = true)) TO '"
                    + binaryBundle.resolve("cells.parquet") + "' (FORMAT parquet)");
        }
        writeH5(s, binaryBundle.resolve("cell_feature_matrix.h5"), h5 -> { });

        graph = EmbeddedGraph.open(StoreSettings.defaults(tmp.resolve("db")).withPageCache(32L << 20).withoutGds());
        sections = new SectionRepository(graph.access());
        // both originals ingest cleanly: every refusal below is the corruption's doing
        ingest(binaryBundle, "original-binary");
        ingest(textBundle, "base");
        base = sections.section("base").orElseThrow();
        assertTrue(base.ready());
    }

    @AfterAll
    void tearDown() {
        worker.shutdownNow();
        if (graph != null) {
            graph.close();
        }
        deleteTree(tmp);
    }

    IngestReport ingest(Path bundle, String name) {
        return new SectionLoader(graph).ingest(bundle, ReadOptions.defaults(),
                IngestParameters.defaults().withName(name).withFeatures(30, 8), ProgressListener.NONE);
    }

    /** One corrupted bundle: which original, which file in it, and what was done. */
    record Case(int n, String format, Path original, String file, String mutation, Consumer<Path> mutate) {
    }

    enum Outcome { CLEAR_ERROR, HARMLESS }

    @Test
    void corruptedBundlesEndInAClearErrorOrALoadAndLeaveTheDatabaseIntact() throws Exception {
        Random r = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        String[] gz = {"cells.csv.gz", "cell_feature_matrix/matrix.mtx.gz", "cell_feature_matrix/features.tsv.gz",
            "cell_feature_matrix/barcodes.tsv.gz"};
        String tif = IMAGE;
        for (int i = 0; cases.size() < CASES; i++) {
            int n = cases.size();
            long caseSeed = r.nextLong();
            switch (i % 10) {
                case 0, 1 -> cases.add(byteCase(n, "gzip", textBundle, gz[r.nextInt(gz.length)], caseSeed));
                case 2, 3 -> cases.add(byteCase(n, "h5", binaryBundle, "cell_feature_matrix.h5", caseSeed));
                case 4 -> cases.add(layoutCase(n, r.nextInt(LAYOUTS.length)));
                case 5, 6 -> cases.add(byteCase(n, "parquet", binaryBundle, "cells.parquet", caseSeed));
                case 7, 8 -> cases.add(byteCase(n, "tiff", textBundle, tif, caseSeed));
                default -> {
                    boolean text = r.nextBoolean();
                    String[] files = text ? new String[] {gz[0], gz[1], gz[2], gz[3], tif, "experiment.xenium",
                        "cell_types.csv", ALIGNMENT} : new String[] {"cells.parquet", "cell_feature_matrix.h5"};
                    cases.add(randomBytesCase(n, text ? textBundle : binaryBundle, files[r.nextInt(files.length)], caseSeed));
                }
            }
        }

        Map<String, int[]> tally = new TreeMap<>();
        Map<String, double[]> seconds = new TreeMap<>();
        List<String> bugs = new ArrayList<>();
        long start = System.nanoTime();
        for (Case c : cases) {
            Path dir = tmp.resolve("case-" + c.n());
            org.sigmma.store.TempDirs.copyTree(c.original(), dir);
            c.mutate().accept(dir.resolve(c.file()));
            String name = "fuzz-" + c.n();
            String what = "case " + c.n() + " (" + c.format() + ", " + c.file() + ", " + c.mutation() + ")";
            long t0 = System.nanoTime();
            Future<IngestReport> f = worker.submit(() -> ingest(dir, name));
            Outcome outcome = null;
            try {
                f.get(CASE_SECONDS, TimeUnit.SECONDS);
                outcome = Outcome.HARMLESS;
                assertTrue(sections.section(name).orElseThrow().ready(), what);
                sections.delete(name);
            } catch (TimeoutException e) {
                f.cancel(true);
                bugs.add(what + ": no answer within " + CASE_SECONDS + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable t = e.getCause();
                String fileName = Path.of(c.file()).getFileName().toString();
                if (t instanceof BundleException b && String.valueOf(b.getMessage()).contains(fileName)) {
                    outcome = Outcome.CLEAR_ERROR;
                    assertTrue(sections.section(name).isEmpty(), what + ": a refused bundle left a section");
                } else {
                    bugs.add(what + ": " + t + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : ""));
                }
            }
            if (outcome != null) {
                tally.computeIfAbsent(c.format(), k -> new int[2])[outcome.ordinal()]++;
            }
            double took = (System.nanoTime() - t0) / 1e9;
            double[] st = seconds.computeIfAbsent(c.format(), k -> new double[2]);
            st[0] += took;
            st[1] = Math.max(st[1], took);
            deleteTree(dir);
            // the database: the earlier section as it was, nothing half-loaded
            assertEquals(base, sections.section("base").orElseThrow(), what + " changed the section stored before");
            assertTrue(sections.sections().stream().noneMatch(s -> s.status().equals("LOADING")), what + " left a LOADING section");
        }
        double total = (System.nanoTime() - start) / 1e9;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%d fuzz cases in %.1f s (seed %d):%n",
                cases.size(), total, SEED));
        tally.forEach((k, v) -> report.append(String.format(Locale.ROOT,
                "  %-9s %3d clear errors, %3d harmless (ingest %.1f s in all, slowest case %.2f s)%n", k, v[0], v[1],
                seconds.get(k)[0], seconds.get(k)[1])));
        report.append("  bugs: ").append(bugs.size()).append('\n');
        bugs.forEach(b -> report.append("    ").append(b).append('\n'));
        System.out.println(report);
        assertEquals(List.of(), bugs, report.toString());
        long cells = (Long) graph.query("MATCH (c:Cell {section: 'base'}) RETURN count(c) AS n", Map.of()).get(0).get("n");
        assertEquals(base.nCells().longValue(), cells);
    }

    // ---- mutations ----

    Case byteCase(int n, String format, Path original, String file, long seed) {
        Random r = new Random(seed);
        int kind = r.nextInt(4);
        return switch (kind) {
            case 0 -> {
                double keep = r.nextDouble();
                yield new Case(n, format, original, file, String.format(Locale.ROOT, "truncated to %.0f%%", keep * 100),
                        p -> edit(p, b -> java.util.Arrays.copyOf(b, (int) (b.length * keep))));
            }
            case 1, 2 -> {
                int flips = 1 + r.nextInt(kind == 1 ? 2 : 16);
                long s = r.nextLong();
                yield new Case(n, format, original, file, flips + " bit flip(s)", p -> edit(p, b -> {
                    Random fr = new Random(s);
                    for (int i = 0; i < flips && b.length > 0; i++) {
                        int at = fr.nextInt(b.length);
                        b[at] ^= (byte) (1 << fr.nextInt(8));
                    }
                    return b;
                }));
            }
            default -> {
                double from = r.nextDouble();
                int len = 1 + r.nextInt(64);
                yield new Case(n, format, original, file, len + " bytes overwritten with 0xFF", p -> edit(p, b -> {
                    int at = (int) (from * b.length);
                    for (int i = at; i < Math.min(b.length, at + len); i++) {
                        b[i] = (byte) 0xFF;
                    }
                    return b;
                }));
            }
        };
    }

    Case randomBytesCase(int n, Path original, String file, long seed) {
        return new Case(n, "random", original, file, "replaced by random bytes", p -> {
            Random r = new Random(seed);
            byte[] b = new byte[r.nextInt(4096)];
            r.nextBytes(b);
            write(p, b);
        });
    }

    /** Well-formed HDF5 files of the wrong layout, each a change to the 10x one. */
    static final String[] LAYOUTS = {"no /matrix group", "matrix as a dense 2-D dataset", "indptr one short",
        "indices outside the features", "shape swapped", "barcodes as integers", "counts as fractions",
        "indptr decreasing", "features/name missing", "data longer than indices", "negative counts", "empty file"};

    Case layoutCase(int n, int layout) {
        return new Case(n, "h5-layout", binaryBundle, "cell_feature_matrix.h5", LAYOUTS[layout], p -> {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (layout == 11) {
                write(p, new byte[0]);
                return;
            }
            writeH5(base(), p, h5 -> { });
            overwriteLayout(p, layout);
        });
    }

    /** The simulator's default H&E file names (bundle name "sim"). */
    static final String IMAGE = "simulated_he_image.ome.tif";
    static final String ALIGNMENT = "simulated_he_imagealignment.csv";

    SimulatedSection baseSection;

    SimulatedSection base() {
        if (baseSection == null) {
            baseSection = SectionSimulator.simulate(SimulationParameters.of(240, 100, 11));
        }
        return baseSection;
    }

    /** Writes the layout from scratch with the change in it (jHDF writes whole files only). */
    void overwriteLayout(Path p, int layout) {
        SimulatedSection s = base();
        SparseCounts c = s.counts();
        long[] indptr = new long[c.nCells() + 1];
        for (int i = 0; i <= c.nCells(); i++) {
            indptr[i] = c.indptr()[i];
        }
        long[] indices = new long[c.indices().length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = c.indices()[i];
        }
        int[] data = c.values().clone();
        String[] barcodes = barcodes(s);
        int[] shape = {c.nGenes(), c.nCells()};
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (WritableHdfFile h5 = HdfFile.write(p)) {
            if (layout == 0) {
                h5.putDataset("data", data);
                h5.putDataset("indptr", indptr);
                return;
            }
            WritableGroup m = null;
            if (layout == 1) {
                h5.putDataset("matrix", new int[][] {{1, 2}, {3, 4}});
                return;
            }
            m = h5.putGroup("matrix");
            switch (layout) {
                case 2 -> indptr = java.util.Arrays.copyOf(indptr, indptr.length - 1);
                case 3 -> indices[indices.length / 2] = c.nGenes() + 5L;
                case 4 -> shape = new int[] {c.nCells(), c.nGenes()};
                case 7 -> indptr[indptr.length / 2] = indptr[indptr.length / 2 - 1] - 1;
                case 9 -> data = java.util.Arrays.copyOf(data, data.length + 3);
                case 10 -> data[0] = -4;
                default -> { }
            }
            if (layout == 5) {
                int[] ints = new int[barcodes.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = i + 1;
                }
                m.putDataset("barcodes", ints);
            } else {
                m.putDataset("barcodes", barcodes);
            }
            if (layout == 6) {
                double[] fractions = new double[data.length];
                for (int i = 0; i < data.length; i++) {
                    fractions[i] = data[i] + 0.25;
                }
                m.putDataset("data", fractions);
            } else {
                m.putDataset("data", data);
            }
            m.putDataset("indices", indices);
            m.putDataset("indptr", indptr);
            m.putDataset("shape", shape);
            WritableGroup f = m.putGroup("features");
            f.putDataset("id", s.panel().ids().clone());
            if (layout != 8) {
                f.putDataset("name", s.panel().names().clone());
            }
            String[] types = new String[c.nGenes()];
            java.util.Arrays.fill(types, "Gene Expression");
            f.putDataset("feature_type", types);
        }
    }

    static String[] barcodes(SimulatedSection s) {
        return s.cells().ids().clone();
    }

    /** The 10x h5 of a simulated section (the cell ids of cells.csv.gz). */
    static void writeH5(SimulatedSection s, Path file, Consumer<WritableHdfFile> extra) {
        SparseCounts c = s.counts();
        long[] indptr = new long[c.nCells() + 1];
        for (int i = 0; i <= c.nCells(); i++) {
            indptr[i] = c.indptr()[i];
        }
        long[] indices = new long[c.indices().length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = c.indices()[i];
        }
        String[] types = new String[c.nGenes()];
        java.util.Arrays.fill(types, "Gene Expression");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            WritableGroup m = h5.putGroup("matrix");
            m.putDataset("barcodes", barcodes(s));
            m.putDataset("data", c.values().clone());
            m.putDataset("indices", indices);
            m.putDataset("indptr", indptr);
            m.putDataset("shape", new int[] {c.nGenes(), c.nCells()});
            WritableGroup f = m.putGroup("features");
            f.putDataset("id", s.panel().ids().clone());
            f.putDataset("name", s.panel().names().clone());
            f.putDataset("feature_type", types);
            extra.accept(h5);
        }
    }

    // ---- files ----

    static void edit(Path p, java.util.function.UnaryOperator<byte[]> change) {
        try {
            write(p, change.apply(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void write(Path p, byte[] b) {
        try {
            Files.write(p, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
