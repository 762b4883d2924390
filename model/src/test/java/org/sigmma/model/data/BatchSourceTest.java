package org.sigmma.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sigmma.model.Fixtures;

/** Batches: one padded shape, every tile once per pass, the requested split only. */
class BatchSourceTest {

    private static InMemoryTileSource source() {
        return new InMemoryTileSource(Map.of(
                TileSource.TRAIN, Fixtures.tiles(11, 1),
                TileSource.VALIDATION, Fixtures.tiles(3, 2).stream().map(t -> rename(t, "v"))
                        .toList()));
    }

    private static TileSample rename(TileSample t, String prefix) {
        return new TileSample(prefix + t.tileId(), t.nCells(), t.featureDim(), t.features(),
                t.edgeSource(), t.edgeTarget(), t.microBlock(), t.mesoBlock(), t.cellX(),
                t.cellY(), t.rgb(), t.imageSize(), t.expressionTarget());
    }

    private static BatchSource batches(InMemoryTileSource src, int n) {
        return new BatchSource(src, new TilePreparer(4, 8, false), BatchShape.of(n, 4, 16, 8, 0),
                4, 2, 1 << 20);
    }

    @Test
    void everyTrainTileOncePaddedToOneShape() {
        InMemoryTileSource src = source();
        int n = BatchSource.maxCells(src, TileSource.TRAIN, TileSource.VALIDATION);
        BatchSource bs = batches(src, n);
        List<String> seen = new ArrayList<>();
        try (BatchSource.Prefetcher it = bs.batches(src.tileIds(TileSource.TRAIN), 5L, true)) {
            assertEquals(3, it.total());
            while (it.hasNext()) {
                Batch b = it.next();
                assertEquals(n, b.shape().cells());
                assertEquals(b.size() * n * 16, b.features().length);
                for (int t = 0; t < b.size(); t++) {
                    seen.add(b.tileIds()[t]);
                    TileSample s = src.load(b.tileIds()[t]);
                    for (int u = 0; u < n; u++) {
                        assertEquals(u < s.nCells() ? 1f : 0f, b.mask()[t * n + u]);
                    }
                    for (int i = 0; i < s.nCells() * 16; i++) {
                        assertEquals(s.features()[i], b.features()[t * n * 16 + i]);
                    }
                    for (int i = s.nCells() * 16; i < n * 16; i++) {
                        assertEquals(0f, b.features()[t * n * 16 + i]);
                    }
                }
            }
        }
        assertEquals(11, seen.size());
        assertEquals(new HashSet<>(src.tileIds(TileSource.TRAIN)), new HashSet<>(seen));
    }

    @Test
    void candidateIndicesStayInsideTheirTileAndMasksCoverRealCellsOnly() {
        InMemoryTileSource src = source();
        BatchSource bs = batches(src, 40);
        try (BatchSource.Prefetcher it = bs.batches(src.tileIds(TileSource.VALIDATION), null,
                false)) {
            Batch b = it.next();
            int n = 40;
            int k = 4;
            for (int t = 0; t < b.size(); t++) {
                int c = b.nCells()[t];
                for (int u = 0; u < n; u++) {
                    for (int s = 0; s < k; s++) {
                        int e = (t * n + u) * k + s;
                        long idx = b.mesoIndex()[e];
                        assertTrue(idx >= (long) t * n && idx < (long) t * n + c || b.mesoMask()[e]
                                == 0 && idx == (long) t * n + u);
                        if (u >= c) {
                            assertEquals(0f, b.mesoMask()[e]);
                            assertEquals(0f, b.macroMask()[e]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shuffleFollowsTheSeedAndDropsALoneLastTile() {
        InMemoryTileSource src = source();
        BatchSource bs = new BatchSource(src, new TilePreparer(4, 8, false),
                BatchShape.of(40, 4, 16, 8, 0), 5, 1, 0);
        List<String> a = order(bs, src, 1L);
        assertEquals(a, order(bs, src, 1L));
        assertNotEquals(a, order(bs, src, 2L));
        assertEquals(10, a.size()); // 11 tiles in batches of 5: the lone eleventh is dropped
        assertEquals(2, bs.batchCount(11, true));
        assertEquals(3, bs.batchCount(11, false));
    }

    @Test
    void aFailingTileSurfacesInTheTrainingThread() {
        InMemoryTileSource good = source();
        TileSource bad = new TileSource() {
            @Override
            public List<String> tileIds(String split) {
                return good.tileIds(split);
            }

            @Override
            public TileSample load(String tileId) {
                if (tileId.equals("t5")) {
                    throw new IllegalStateException("store lost tile t5");
                }
                return good.load(tileId);
            }
        };
        BatchSource bs = new BatchSource(bad, new TilePreparer(4, 8, false),
                BatchShape.of(40, 4, 16, 8, 0), 4, 2, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (BatchSource.Prefetcher it = bs.batches(good.tileIds(TileSource.TRAIN), null,
                    true)) {
                while (it.hasNext()) {
                    it.next();
                }
            }
        });
        assertTrue(e.getMessage().contains("store lost tile t5"), e.getMessage());
    }

    private static List<String> order(BatchSource bs, TileSource src, long seed) {
        List<String> out = new ArrayList<>();
        try (BatchSource.Prefetcher it = bs.batches(src.tileIds(TileSource.TRAIN), seed, true)) {
            it.forEachRemaining(b -> out.addAll(List.of(b.tileIds())));
        }
        Set<String> unique = new HashSet<>(out);
        assertEquals(out.size(), unique.size());
        return out;
    }
}
