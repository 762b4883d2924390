package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sigmma.model.Fixtures;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.net.SigmmaNet;
import org.sigmma.store.TempDirs;

/**
 * A run killed after its first epoch and resumed ends with the same weights as one that ran
 * straight through; a half-written checkpoint folder is ignored.
 *
 * <p>The runs use one intra-op thread: libtorch's multi-threaded CPU convolution backward is not
 * bitwise reproducible (two straight runs differ in the last bits too), with one thread every
 * kernel is, and the weights agree exactly.
 */
class CheckpointResumeTest {

    private static final class Killed extends RuntimeException {
        Killed() {
            super("killed");
        }
    }

    @Test
    void resumedRunMatchesAnUninterruptedOneExactly() throws Exception {
        InMemoryTileSource src = TinyRuns.withCropFeatures(TinyRuns.source(16, 4, 3));
        resumeAndCompare(src, TinyRuns.config(2).with(Map.of("backbone", "precomputed")), 0);
    }

    @Test
    void resumedCnnRunMatchesExactly() throws Exception {
        resumeAndCompare(TinyRuns.source(16, 4, 3), TinyRuns.config(2), 0);
    }

    private void resumeAndCompare(InMemoryTileSource src, TrainingConfig config, double tol)
            throws Exception {
        Path straight = TempDirs.create("straight");
        TrainingResult full = new SigmmaTrainer(config, src, straight).train(
                TrainingListener.NONE);
        assertEquals(2, full.epochs().size());

        Path killed = TempDirs.create("killed");
        assertThrows(Killed.class, () -> new SigmmaTrainer(config, src, killed).train(
                new TrainingListener() {
                    @Override
                    public void onStep(TrainingProgress p) {
                        if (p.epoch() == 2) {
                            throw new Killed();
                        }
                    }
                }));
        Checkpoints cp = new Checkpoints(killed);
        assertEquals("epoch-0001", cp.latest().orElseThrow().getFileName().toString());
        Files.createDirectories(killed.resolve("epoch-0002.tmp"));
        Files.writeString(killed.resolve("epoch-0002.tmp").resolve("model.params"), "partial");

        TrainingResult resumed = new SigmmaTrainer(config, src, killed).train(
                TrainingListener.NONE);
        assertEquals(2, resumed.epochs().size());
        assertEquals((double) full.epochs().get(0).get("train_loss"),
                (double) resumed.epochs().get(0).get("train_loss"), tol);
        assertEquals((double) full.epochs().get(1).get("train_loss"),
                (double) resumed.epochs().get(1).get("train_loss"), Math.max(tol, 1e-9));

        try (NDManager m = NDManager.newBaseManager()) {
            DatasetInfo info = cp.readDataset();
            SigmmaNet a = SigmmaNet.create(config.model(), info.featureDim(), info.cropFeatureDim(), m);
            SigmmaNet b = SigmmaNet.create(config.model(), info.featureDim(), info.cropFeatureDim(), m);
            Checkpoints.readParams(new Checkpoints(straight).latest().orElseThrow()
                    .resolve("model.params"), a, m);
            Checkpoints.readParams(cp.latest().orElseThrow().resolve("model.params"), b, m);
            var pb = b.getParameters();
            int compared = 0;
            for (Pair<String, Parameter> p : a.getParameters()) {
                float[] x = p.getValue().getArray().toFloatArray();
                float[] y = pb.get(p.getKey()).getArray().toFloatArray();
                assertEquals(0, Fixtures.maxDiff(x, y), tol, p.getKey());
                compared++;
            }
            assertTrue(compared > 20);
            assertTrue(config.model().backbone() != org.sigmma.model.net.ModelConfig.Backbone.CNN || a.getParameters().keys().stream()
                    .anyMatch(k -> k.contains("runningMean")), "BatchNorm statistics compared");
        }
        // a finished run resumed again does nothing
        TrainingResult again = new SigmmaTrainer(config, src, killed).train(TrainingListener.NONE);
        assertEquals("resumed complete", again.stopReason());
    }

    @Test
    void resumingWithAnotherModelIsRefused() throws Exception {
        InMemoryTileSource src = TinyRuns.source(16, 0, 4);
        Path dir = TempDirs.create("other");
        new SigmmaTrainer(TinyRuns.config(1), src, dir).train(TrainingListener.NONE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SigmmaTrainer(TinyRuns.config(1).with(Map.of("hidden", 16)), src, dir)
                        .train(TrainingListener.NONE));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("best")), "no validation split, no best");
    }
}
