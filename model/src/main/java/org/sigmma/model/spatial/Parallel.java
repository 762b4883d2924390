package org.sigmma.model.spatial;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs chunks of work on a fixed number of threads; each worker keeps its own scratch state. */
final class Parallel {

    private Parallel() {
    }

    /** One worker's body: it pulls chunk indices and returns its partial result. */
    interface Worker<T> {
        T run(ChunkSource chunks);
    }

    /** Hands out chunk indices 0..nChunks-1, each to exactly one worker. */
    static final class ChunkSource {
        private final AtomicInteger next = new AtomicInteger();
        private final int nChunks;

        ChunkSource(int nChunks) {
            this.nChunks = nChunks;
        }

        /** The next chunk, or -1 when none is left. */
        int next() {
            int c = next.getAndIncrement();
            return c < nChunks ? c : -1;
        }
    }

    /**
     * Runs {@code threads} workers over {@code nChunks} chunks and returns their partial results in worker order.
     * With one thread it runs on the caller's thread. Callers must combine the partials so that the outcome does not
     * depend on which worker took which chunk (exact integer sums, or results written per chunk).
     */
    static <T> List<T> run(int threads, int nChunks, Worker<T> worker) {
        int t = Math.max(1, Math.min(threads, Math.max(1, nChunks)));
        ChunkSource chunks = new ChunkSource(nChunks);
        List<T> out = new ArrayList<>(t);
        if (t == 1) {
            out.add(worker.run(chunks));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "sigmma-spatial");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(t);
            for (int i = 0; i < t; i++) {
                futures.add(pool.submit(() -> worker.run(chunks)));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    static int checkConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, not " + concurrency);
        }
        return concurrency;
    }
}
