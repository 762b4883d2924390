package org.sigmma.model.he;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sigmma.model.data.InMemoryTileSource;
import org.sigmma.model.data.SyntheticTiles;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.store.TempDirs;

/**
 * A TorchScript backbone (src/test/resources/torchscript/tiny_backbone.pt, made by the script
 * beside it) loads, runs frozen or fine-tuned, and trains inside the model.
 */
class TorchScriptBackboneTest {

    static Path file() throws Exception {
        return Path.of(TorchScriptBackboneTest.class.getResource(
                "/torchscript/tiny_backbone.pt").toURI());
    }

    @Test
    void frozenBackboneHasNoTrainableWeightsAndPassesNoGradient() throws Exception {
        try (NDManager m = NDManager.newBaseManager();
                TorchScriptBackbone b = new TorchScriptBackbone(file(), false, 16, Device.cpu())) {
            assertEquals(8, b.outDim());
            assertTrue(b.getParameters().values().stream().noneMatch(p -> p.requiresGradient()));
            NDArray x = m.randomNormal(new Shape(3, 3, 16, 16));
            x.setRequiresGradient(true);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = b.embed(ps, x, true);
                assertEquals(new Shape(3, 8), y.getShape());
            }
            assertArrayEquals(y.toFloatArray(), b.embed(ps, x, false).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void fineTunedBackboneTrainsAndRoundTripsItsWeights() throws Exception {
        try (NDManager m = NDManager.newBaseManager();
                TorchScriptBackbone b = new TorchScriptBackbone(file(), true, 16, Device.cpu())) {
            long trainable = b.getParameters().values().stream()
                    .filter(p -> p.requiresGradient()).count();
            assertTrue(trainable >= 4, "conv and BatchNorm weights should train: " + trainable);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(4, 3, 16, 16));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(b.embed(ps, x, true).square().sum());
            }
            NDArray w = b.getParameters().valueAt(0).getArray();
            NDArray g = w.getGradient();
            assertTrue(g.abs().sum().getFloat() > 0);
            w.subi(g.mul(0.1f)); // a plain SGD step changes the script's own weights
            float[] after = b.embed(ps, x, false).toFloatArray();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            b.saveParameters(new DataOutputStream(bytes));
            try (TorchScriptBackbone fresh = new TorchScriptBackbone(file(), true, 16,
                    Device.cpu())) {
                assertFalse(java.util.Arrays.equals(after, fresh.embed(ps, x, false)
                        .toFloatArray()));
                fresh.loadParameters(m, new DataInputStream(new ByteArrayInputStream(
                        bytes.toByteArray())));
                assertArrayEquals(after, fresh.embed(ps, x, false).toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void aMissingFileIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> new TorchScriptBackbone(
                Path.of("no/such/backbone.pt"), false, 16, Device.cpu()));
        assertTrue(e.getMessage().contains("no/such/backbone.pt"), e.getMessage());
    }

    @Test
    void trainsInsideTheModelAndServesFromTheCheckpoint() throws Exception {
        InMemoryTileSource src = new SyntheticTiles(SyntheticTiles.Spec.small(16, 4, 2, 5))
                .source();
        TrainingConfig c = TrainingConfig.defaults().with(Map.of("epochs", 1, "batchSize", 8,
                "cropSize", 16, "hidden", 8, "projection", 8, "scorerHidden", 4, "candidatesK", 4,
                "backbone", "torchscript", "backbonePath", file().toString(), "device", "cpu")).with("{\"cpuThreads\": 1}");
        Path dir = TempDirs.create("ts");
        TrainingResult r = new SigmmaTrainer(c, src, dir).train(TrainingListener.NONE);
        assertTrue(Double.isFinite((double) r.epochs().get(0).get("train_loss")));
        try (Embedder e = Embedder.open(dir, "cpu")) {
            assertEquals(8, e.net().he().backbone().outDim());
            assertEquals(2, e.embed(src, src.tileIds("test"), Embedder.Options.tilesOnly(), null)
                    .tiles().size());
        }
    }
}
