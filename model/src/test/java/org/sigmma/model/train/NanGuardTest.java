package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.TileSample;
import org.sigmma.model.data.TileSource;
import org.sigmma.store.TempDirs;

class NanGuardTest {

    @Test
    void aNonFiniteLossStopsTrainingWithAClearMessage() throws Exception {
        InMemoryTileSource good = TinyRuns.source(8, 0, 9);
        List<TileSample> tiles = good.tiles(TileSource.TRAIN).stream().map(t -> {
            float[] f = t.features().clone();
            f[0] = Float.NaN;
            return new TileSample(t.tileId(), t.nCells(), t.featureDim(), f, t.edgeSource(),
                    t.edgeTarget(), t.microBlock(), t.mesoBlock(), t.cellX(), t.cellY(), t.rgb(),
                    t.imageSize(), null);
        }).toList();
        InMemoryTileSource bad = new InMemoryTileSource(Map.of(TileSource.TRAIN, tiles));
        Path dir = TempDirs.create("nan");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new SigmmaTrainer(TinyRuns.config(1), bad, dir).train(
                        TrainingListener.NONE));
        assertTrue(e.getMessage().contains("epoch 1 step 1") && e.getMessage().contains("NaN"),
                e.getMessage());
        assertTrue(new Checkpoints(dir).latest().isEmpty());
    }
}
