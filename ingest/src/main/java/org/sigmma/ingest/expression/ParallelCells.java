package org.sigmma.ingest.expression;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Parallel loops over fixed-size chunks of cells. Reductions combine the chunk partials in chunk
 * order on the calling thread, so results do not depend on the number of threads or on scheduling.
 */
final class ParallelCells implements AutoCloseable {

    /** Cells per chunk: small enough to balance load, large enough that combining partials is cheap. */
    static final int CHUNK = 4096;

    /** Work on the cells [from, to) into a partial result. */
    @FunctionalInterface
    interface ChunkWork<T> {
        void run(T partial, int from, int to);
    }

    /** Work on the cells [from, to) with no result. */
    @FunctionalInterface
    interface RangeWork {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    ParallelCells(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sigmma-cells");
            t.setDaemon(true);
            return t;
        });
    }

    static int chunks(int nCells) {
        return (nCells + CHUNK - 1) / CHUNK;
    }

    /**
     * Runs {@code work} on every chunk into a partial from {@code newPartial} (reused across chunks:
     * the work must reset it), then hands the partials to {@code combine} in chunk order;
     * {@code chunkDone} hears the number of chunks combined so far.
     */
    <T> void reduce(int nCells, Supplier<T> newPartial, ChunkWork<T> work, Consumer<T> combine, IntConsumer chunkDone) {
        int nChunks = chunks(nCells);
        ConcurrentLinkedQueue<T> free = new ConcurrentLinkedQueue<>();
        ArrayDeque<Future<T>> window = new ArrayDeque<>();
        int next = 0;
        int done = 0;
        try {
            while (next < nChunks || !window.isEmpty()) {
                while (next < nChunks && window.size() < 2 * threads) {
                    int from = next * CHUNK;
                    int to = Math.min(nCells, from + CHUNK);
                    window.add(pool.submit(() -> {
                        T p = free.poll();
                        if (p == null) {
                            p = newPartial.get();
                        }
                        work.run(p, from, to);
                        return p;
                    }));
                    next++;
                }
                T partial = window.poll().get();
                combine.accept(partial);
                free.add(partial);
                chunkDone.accept(++done);
            }
        } catch (InterruptedException e) {
            window.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            window.forEach(f -> f.cancel(true));
            throw unwrap(e);
        }
    }

    /** Runs {@code work} on every chunk, in parallel, and waits for all of them. */
    void forEach(int nCells, RangeWork work) {
        reduce(nCells, () -> Boolean.TRUE, (p, from, to) -> work.run(from, to), p -> { }, d -> { });
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
