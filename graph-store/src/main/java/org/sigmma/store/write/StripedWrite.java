package org.sigmma.store.write;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

/**
 * The parallel plan both section writers follow: the cells in write order are cut into as many contiguous stripes as
 * there are writer threads (at least one cell batch each); each thread writes its stripe's cells and then the edges
 * inside the stripe, so no two transactions ever lock the same node; the edges that cross stripes follow in one last
 * pass. When one thread fails the others stop at their next batch and are waited for, so that nothing is written
 * after the caller starts cleaning up. The writers supply the batches (kernel API or Cypher).
 */
final class StripedWrite {

    /** Writes the cells at write positions {@code from..to-1} of {@code order}. */
    interface Cells {
        void write(int[] order, int from, int to);
    }

    /** Writes {@code edges[from..to-1]}, entries {@code (lowerPosition << 32) | edgeIndex}. */
    interface Edges {
        void write(long[] edges, int from, int to);
    }

    /** How long the cells took (the slowest stripe) and the whole write of cells and edges, in ms. */
    record Timing(long cellMillis, long totalMillis) {
    }

    private StripedWrite() {
    }

    /**
     * @param progress receives the share of {@code totalWork} done (cells and edges count one each)
     */
    static Timing run(SectionData d, int[] order, int threads, int cellBatch, int edgeBatch, String threadName,
                      Cells cells, Edges edges, double totalWork, DoubleConsumer progress) {
        int n = d.nCells();
        long t0 = System.nanoTime();
        int[] pos = new int[n];
        for (int r = 0; r < n; r++) {
            pos[order[r]] = r;
        }
        int parts = Math.max(1, Math.min(threads, (n + cellBatch - 1) / Math.max(1, cellBatch)));
        int stripe = Math.max(1, (n + parts - 1) / parts);
        long[][] inner = new long[parts][];
        long[] crossing = EmbeddedSectionWriter.partitionEdges(d, pos, stripe, parts, inner);
        AtomicLong done = new AtomicLong();
        AtomicLong cellNanos = new AtomicLong();
        AtomicBoolean abort = new AtomicBoolean();
        Runnable report = () -> progress.accept(Math.min(1.0, done.get() / totalWork));
        ExecutorService pool = Executors.newFixedThreadPool(parts, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int from = p * stripe;
                int to = Math.min(n, from + stripe);
                long[] own = inner[p];
                futures.add(pool.submit(() -> {
                    long c0 = System.nanoTime();
                    for (int b = from; b < to && !abort.get(); b += cellBatch) {
                        int end = Math.min(to, b + cellBatch);
                        cells.write(order, b, end);
                        done.addAndGet(end - b);
                        report.run();
                    }
                    cellNanos.accumulateAndGet(System.nanoTime() - c0, Math::max);
                    edgeList(own, edgeBatch, edges, done, report, abort);
                }));
            }
            awaitAll(futures, abort);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing section " + d.id(), ex);
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("writing section " + d.id() + " failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
        edgeList(crossing, edgeBatch, edges, done, report, abort);
        return new Timing(cellNanos.get() / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
    }

    private static void edgeList(long[] list, int batch, Edges edges, AtomicLong done, Runnable report, AtomicBoolean abort) {
        for (int start = 0; start < list.length && !abort.get(); start += batch) {
            int end = Math.min(list.length, start + batch);
            edges.write(list, start, end);
            done.addAndGet(end - start);
            report.run();
        }
    }

    private static void awaitAll(List<Future<?>> futures, AtomicBoolean abort) throws InterruptedException, ExecutionException {
        ExecutionException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                abort.set(true);
                if (first == null) {
                    first = ex;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
