package org.sigmma.ingest.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time, peak heap and bundle size to simulate and write sections of 50k and 500k cells. Run with
 * {@code -Dtest.excludedGroups=none -Dgroups=benchmark -Dtest=SimulatorBenchmark}; figures go to stdout and
 * to target/simulator-benchmark.txt. The bundles are deleted afterwards.
 */
@Tag("benchmark")
class SimulatorBenchmark {

    @Test
    void simulateAndWrite() throws IOException {
        StringBuilder report = new StringBuilder();
        int threads = Runtime.getRuntime().availableProcessors();
        report.append(String.format(Locale.ROOT, "cores %d, max heap %d MB%n", threads,
                Runtime.getRuntime().maxMemory() >> 20));
        for (int[] run : new int[][] {{50_000, 500}, {50_000, 5_000}, {500_000, 500}}) {
            report.append(once(run[0], run[1], threads)).append('\n');
            System.out.print(report);
        }
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir")).getParent().resolve("simulator-benchmark.txt"), report);
    }

    private static String once(int cells, int genes, int threads) throws IOException {
        System.gc();
        resetPeaks();
        long t0 = System.nanoTime();
        SimulatedSection s = SectionSimulator.simulate(SimulationParameters.of(cells, genes, 1));
        long t1 = System.nanoTime();
        long peakSim = peakHeap();
        long retained = retainedHeap();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "simbench-" + cells + "-" + genes);
        Files.createDirectories(dir.getParent());
        BundleWriter.WrittenBundle b = BundleWriter.write(s, dir, BundleWriter.Options.defaults().withThreads(threads), f -> { });
        long t2 = System.nanoTime();
        long peak = peakHeap();
        assertEquals(cells, s.cells().size());
        long tif = Files.size(b.heImage().orElseThrow());
        long h5 = Files.size(dir.resolve("cell_feature_matrix.h5"));
        long mex = size(dir.resolve("cell_feature_matrix"));
        String line = String.format(Locale.ROOT,
                "%d cells x %d genes: section %.0f x %.0f um, image %d x %d px, %d non-zeros; simulate %.1f s "
                        + "(heap peak %d MB, section retained %d MB), write %.1f s (heap peak %d MB); "
                        + "bundle %d MB (H&E TIFF %d MB, h5 %d MB, MEX %d MB)",
                cells, genes, s.widthUm(), s.heightUm(), s.image().width(), s.image().height(), s.counts().nonZeros(),
                (t1 - t0) / 1e9, peakSim >> 20, retained >> 20, (t2 - t1) / 1e9, peak >> 20, b.bytes() >> 20, tif >> 20, h5 >> 20, mex >> 20);
        deleteTree(dir);
        return line;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Heap in use after a full collection: what the simulated section itself holds. */
    private static long retainedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Sum of the heap pools' peaks since the last reset: an upper bound on the live peak (the pools need not
     * peak together, and garbage not yet collected counts).
     */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> w = Files.walk(dir)) {
            return w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
