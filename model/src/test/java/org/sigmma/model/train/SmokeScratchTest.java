package org.sigmma.model.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.sigmma.model.TestDirs;
import org.sigmma.model.data.SyntheticTiles;
import org.sigmma.model.infer.Embedder;
import org.sigmma.model.data.TileSource;
import org.sigmma.model.eval.Retrieval;

class SmokeScratchTest {
  @Test void smoke() throws Exception {
    int ntrain = Integer.getInteger("ntrain", 128);
    var src = new SyntheticTiles(SyntheticTiles.Spec.small(ntrain, 32, 40, 1)).source();
    Map<String, Object> o = new HashMap<>(Map.of("epochs", 10, "batchSize", 16,
        "cropSize", 16, "hidden", 32, "projection", 32, "cnnChannels", java.util.List.of(8, 16, 32),
        "progressSeconds", 100, "patience", 0));
    String extra = System.getProperty("cfg", "{}");
    TrainingConfig c = TrainingConfig.defaults().with(o).with(extra);
    Path d = TestDirs.fresh("smoke");
    long t0 = System.nanoTime();
    TrainingResult r = new SigmmaTrainer(c, src, d).train(ProgressListener.NONE);
    for (var m : r.epochs()) {
      System.out.printf("ep %s loss %.3f val5 %.3f val10 %.3f meso mean %s spread %s keep %s effect %s tps %.1f%n", m.get("epoch"), m.get("train_loss"), m.get("val_recall5_he2st"), m.get("val_recall10_he2st"), m.get("edge_meso_mean"), m.get("edge_meso_spread"), m.get("edge_meso_keep"), m.get("val_recall10_he2st_added_edges_effect"), m.get("tiles_per_second"));
    }
    try (Embedder e = Embedder.open(d, "cpu")) {
      var res = e.embed(src, src.tileIds(TileSource.TEST), Embedder.Options.tilesOnly(), null);
      float[][] he = res.tiles().stream().map(t -> t.image()[2]).toArray(float[][]::new);
      float[][] st = res.tiles().stream().map(t -> t.spot()[2]).toArray(float[][]::new);
      System.out.println("TEST R@5 " + Retrieval.recall(he, st, 0.05) + " R@10 " + Retrieval.recall(he, st, 0.10));
    }
    System.out.println("secs " + (System.nanoTime() - t0) / 1e9);
  }
}
