package org.sigmma.ingest.neighbours;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * The Java half of {@code bench/run.sh neighbours}: a process that the Python driver keeps open and
 * sends one command per line, so that platform and reference runs interleave without paying JVM start
 * and JIT warm-up each time.
 *
 * <pre>
 * load PATH     points: n little-endian float64 x values, then n y values; answers "ok n"
 * delaunay      full Delaunay edges (no length limit); answers "result wall_s cpu_s edges checksum"
 * knn K         kNN graph (symmetrised union), same answer
 * edges PATH    writes the last graph's edges (s &lt; t) as little-endian int32 pairs; answers "ok m"
 * quit
 * </pre>
 *
 * Every build runs in a fork-join pool of {@code threads} (argument 0), so the kNN's parallel queries use
 * exactly that many threads. Only {@code NeighbourGraphBuilder.build()} is timed (edge assembly included,
 * reading the file not). The checksum is order-independent: the sum over edges (s &lt; t) of
 * splitmix64(s * n + t), modulo 2^64, in hex.
 */
public final class NeighbourBenchMain {

    private NeighbourBenchMain() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        ForkJoinPool pool = new ForkJoinPool(threads);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        double[][] pts = null;
        NeighbourGraph last = null;
        System.out.println("ready threads=" + threads);
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split("\\s+");
            switch (cmd[0]) {
                case "load" -> {
                    pts = read(Path.of(cmd[1]));
                    System.out.println("ok " + pts[0].length);
                }
                case "delaunay", "knn" -> {
                    double[] x = pts[0], y = pts[1];
                    NeighbourGraphBuilder b = NeighbourGraphBuilder.of(x, y);
                    if (cmd[0].equals("knn")) {
                        b.knn(Integer.parseInt(cmd[1]));
                    } else {
                        b.delaunay().maxEdgeLength(Double.POSITIVE_INFINITY);
                    }
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    NeighbourGraph g = pool.submit(b::build).get();
                    last = g;
                    long t1 = System.nanoTime();
                    long cpu1 = os.getProcessCpuTime();
                    System.out.printf(Locale.ROOT, "result %.6f %.6f %d %s%n", (t1 - t0) / 1e9,
                            (cpu1 - cpu0) / 1e9, g.edgeCount(), Long.toHexString(checksum(g)));
                }
                case "edges" -> {
                    writeEdges(last, Path.of(cmd[1]));
                    System.out.println("ok " + last.edgeCount());
                }
                case "quit" -> {
                    pool.shutdown();
                    return;
                }
                default -> System.out.println("error unknown command " + cmd[0]);
            }
            System.out.flush();
        }
        pool.shutdown();
    }

    static long checksum(NeighbourGraph g) {
        long n = g.nPoints();
        long sum = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            sum += mix(g.source()[e] * n + g.target()[e]);
        }
        return sum;
    }

    /** splitmix64's finaliser. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** For the driver's check of a differing graph (which edges differ, and why). */
    static void writeEdges(NeighbourGraph g, Path p) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(g.edgeCount() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < g.edgeCount(); e++) {
            buf.putInt(g.source()[e]).putInt(g.target()[e]);
        }
        buf.flip();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    static double[][] read(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long bytes = ch.size();
            int n = (int) (bytes / 16);
            ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // fill
            }
            buf.flip();
            double[] x = new double[n], y = new double[n];
            buf.asDoubleBuffer().get(x).get(y);
            return new double[][] {x, y};
        }
    }
}
