package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sigmma.store.TempDirs;

/** Training stops when validation recall stops improving, and keeps the best epoch's weights. */
class EarlyStopTest {

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() throws Exception {
        // precomputed features and a learning rate of 1e-12: the embeddings cannot move, so the
        // validation recall of epoch 1 is never beaten
        var src = TinyRuns.withCropFeatures(TinyRuns.source(16, 8, 6));
        var dir = TempDirs.create("early");
        TrainingResult r = new SigmmaTrainer(TinyRuns.config(6).with(Map.of("backbone",
                "precomputed", "learningRate", 1e-12, "patience", 2)), src, dir).train(
                TrainingListener.NONE);
        assertEquals("early stop", r.stopReason());
        assertEquals(3, r.epochs().size());
        assertEquals(1, r.bestEpoch());
        assertTrue(Files.isRegularFile(dir.resolve("best").resolve("model.params")));
        assertEquals(r.bestRecall(), (double) r.epochs().get(0).get("val_recall10_he2st"));
    }

    @Test
    void theProgressLineShowsRateAndEta() {
        String line = new TrainingProgress(2, 12, 5, 40, 3.25, 1e-3, 26.04, 3725).line();
        assertEquals("epoch 2/12 step 5/40 loss 3.2500 lr 1.00e-03 26.0 tiles/s ETA 1h02m", line);
        assertTrue(new TrainingProgress(1, 1, 1, 1, 1, 1, 1, 75).line().endsWith("ETA 1m15s"));
    }
}
