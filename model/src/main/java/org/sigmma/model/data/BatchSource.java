package org.sigmma.model.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves padded batches of one split, prepared on a background thread while the model trains.
 * Tiles are prepared once (graphs built, crops cut) and kept while the cache budget allows.
 */
public final class BatchSource {

    private final TileSource source;
    private final TilePreparer preparer;
    private final BatchShape shape;
    private final int batchSize;
    private final int prefetch;
    private final long cacheBudget;
    private final ConcurrentHashMap<String, PreparedTile> cache = new ConcurrentHashMap<>();
    private final AtomicLong cached = new AtomicLong();

    /**
     * @param source where tiles come from
     * @param preparer graph and crop preparation
     * @param shape the one padded shape of the dataset
     * @param batchSize tiles per batch
     * @param prefetch batches prepared ahead (at least 1)
     * @param cacheBudgetBytes prepared tiles kept in memory up to this many bytes
     */
    public BatchSource(TileSource source, TilePreparer preparer, BatchShape shape, int batchSize,
            int prefetch, long cacheBudgetBytes) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        this.source = source;
        this.preparer = preparer;
        this.shape = shape;
        this.batchSize = batchSize;
        this.prefetch = Math.max(1, prefetch);
        this.cacheBudget = cacheBudgetBytes;
    }

    public BatchShape shape() {
        return shape;
    }

    public TileSource source() {
        return source;
    }

    /** The largest cell count over the given splits: the dataset's padding size. */
    public static int maxCells(TileSource source, String... splits) {
        int max = 0;
        for (String split : splits) {
            for (String id : source.tileIds(split)) {
                max = Math.max(max, source.cellCount(id));
            }
        }
        if (max == 0) {
            throw new IllegalArgumentException("no tiles in splits " + String.join(", ", splits));
        }
        return max;
    }

    /** A prepared tile, from the cache when it is there. */
    public PreparedTile prepared(String tileId) {
        PreparedTile t = cache.get(tileId);
        if (t != null) {
            return t;
        }
        t = preparer.prepare(source.load(tileId));
        if (cached.get() + t.bytes() <= cacheBudget && cache.putIfAbsent(tileId, t) == null) {
            cached.addAndGet(t.bytes());
        }
        return t;
    }

    /** Number of batches one pass over these ids gives. */
    public int batchCount(int tiles, boolean dropSingleton) {
        int full = tiles / batchSize;
        int rest = tiles % batchSize;
        return full + (rest > 1 || (rest == 1 && !dropSingleton) ? 1 : 0);
    }

    /**
     * Batches over a list of tiles, prepared ahead on a background thread. Close the iterator
     * when stopping early.
     *
     * @param ids the tiles
     * @param shuffleSeed shuffles the order with this seed, or keeps it when null
     * @param dropSingleton drops a last batch of one tile (a contrastive batch needs two)
     */
    public Prefetcher batches(List<String> ids, Long shuffleSeed, boolean dropSingleton) {
        List<String> order = new ArrayList<>(ids);
        if (shuffleSeed != null) {
            Collections.shuffle(order, new Random(shuffleSeed));
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < order.size(); i += batchSize) {
            List<String> chunk = order.subList(i, Math.min(order.size(), i + batchSize));
            if (chunk.size() == 1 && dropSingleton && !chunks.isEmpty()) {
                continue;
            }
            chunks.add(chunk);
        }
        return new Prefetcher(chunks);
    }

    /** Iterator over batches filled by a background thread. */
    public final class Prefetcher implements Iterator<Batch>, AutoCloseable {
        private final BlockingQueue<Object> queue;
        private final Thread worker;
        private final int total;
        private Object next;

        private static final Object END = new Object();

        Prefetcher(List<List<String>> chunks) {
            this.total = chunks.size();
            this.queue = new ArrayBlockingQueue<>(prefetch + 1);
            this.worker = new Thread(() -> fill(chunks), "sigmma-prefetch");
            worker.setDaemon(true);
            worker.start();
        }

        private void fill(List<List<String>> chunks) {
            try {
                for (List<String> chunk : chunks) {
                    PreparedTile[] tiles = new PreparedTile[chunk.size()];
                    for (int i = 0; i < tiles.length; i++) {
                        tiles[i] = prepared(chunk.get(i));
                    }
                    queue.put(Batch.assemble(shape, tiles));
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                try {
                    queue.put(e);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Batches this pass yields. */
        public int total() {
            return total;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a batch", e);
                }
            }
            if (next instanceof Throwable t) {
                next = END;
                throw new IllegalStateException("preparing a batch failed: " + t.getMessage(), t);
            }
            return next != END;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Batch b = (Batch) next;
            next = null;
            return b;
        }

        @Override
        public void close() {
            worker.interrupt();
        }
    }
}
