package org.sigmma.model.train;

import java.util.List;
import java.util.Map;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.SyntheticTiles;

/** Tiny, fast training set-ups for tests of the trainer's mechanics. */
final class TinyRuns {

    private TinyRuns() {}

    static InMemoryTileSource source(int train, int validation, long seed) {
        return new SyntheticTiles(SyntheticTiles.Spec.small(train, validation, 4, seed)).source();
    }

    /** The same tiles with precomputed crop features (a fixed random map of the crops). */
    static InMemoryTileSource withCropFeatures(InMemoryTileSource src) {
        java.util.Map<String, java.util.List<org.sigmma.model.data.TileSample>> m =
                new java.util.LinkedHashMap<>();
        org.sigmma.model.data.CropCutter cut = new org.sigmma.model.data.CropCutter(4);
        for (String split : List.of(org.sigmma.model.data.TileSource.TRAIN,
                org.sigmma.model.data.TileSource.VALIDATION,
                org.sigmma.model.data.TileSource.TEST)) {
            m.put(split, src.tiles(split).stream().map(t -> {
                byte[] crops = cut.cut(t.rgb(), t.imageSize());
                int per = crops.length / 21;
                float[] f = new float[21 * 6];
                for (int c = 0; c < 21; c++) {
                    for (int i = 0; i < per; i++) {
                        f[c * 6 + i % 6] += (crops[c * per + i] & 0xff) / 255f / per;
                    }
                }
                return t.withCropFeatures(f, 6);
            }).toList());
        }
        return new InMemoryTileSource(m);
    }

    static TrainingConfig config(int epochs) {
        return TrainingConfig.defaults().with(Map.of("epochs", epochs, "batchSize", 8,
                "cropSize", 8, "cnnChannels", List.of(4, 8), "hidden", 8, "projection", 8,
                "scorerHidden", 4, "candidatesK", 4, "progressSeconds", 1000, "device", "cpu"))
                .with("{\"cpuThreads\": 1}");
    }
}
