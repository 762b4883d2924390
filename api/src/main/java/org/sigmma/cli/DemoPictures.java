package org.sigmma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sigmma.model.eval.LinePlot;
import org.sigmma.model.graph.RunEvaluation;
import org.sigmma.model.train.Checkpoints;

/** The demo's pictures of a run: training curves per epoch and the learned edges' planted-pair enrichment. */
final class DemoPictures {

    static final String CURVES = "training-curves.png";
    static final String RECALL = "validation-recall.png";
    static final String ENRICHMENT = "learned-edge-enrichment.png";

    private DemoPictures() {
    }

    static void write(Path runDir, Path out) throws IOException {
        Checkpoints cp = new Checkpoints(runDir);
        Path last = cp.latest().orElseThrow(() -> new IOException("no checkpoint in " + runDir));
        List<Map<String, Object>> epochs = cp.readState(last).metrics();
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        LinePlot loss = new LinePlot("Training loss per scale (InfoNCE)", "epoch", "loss");
        for (String s : new String[] {"micro", "meso", "macro"}) {
            loss.add(new LinePlot.Series(s, x, column(epochs, "train_loss_" + s), null));
        }
        loss.write(out.resolve(CURVES));
        LinePlot recall = new LinePlot("Validation retrieval and the learned edges", "epoch", "value");
        recall.add(new LinePlot.Series("val R@10% HE->ST", x, column(epochs, "val_recall10_he2st"), null));
        recall.add(new LinePlot.Series("  with added edges off", x, column(epochs, "val_recall10_he2st_added_edges_off"),
                null));
        recall.add(new LinePlot.Series("meso edges kept", x, column(epochs, "edge_meso_keep"), null));
        recall.add(new LinePlot.Series("macro edges kept", x, column(epochs, "edge_macro_keep"), null));
        recall.write(out.resolve(RECALL));
        Path edges = runDir.resolve("evaluation").resolve(RunEvaluation.LEARNED_EDGES_FILE);
        if (Files.isRegularFile(edges)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = new ObjectMapper().readValue(edges.toFile(), Map.class);
            double[] y = {num(e, "edge_meso_enrichment"), num(e, "edge_macro_enrichment")};
            double[] lo = {num(e, "edge_meso_enrichment_low"), num(e, "edge_macro_enrichment_low")};
            double[] hi = {num(e, "edge_meso_enrichment_high"), num(e, "edge_macro_enrichment_high")};
            double[] mid = new double[2];
            double[] half = new double[2];
            for (int i = 0; i < 2; i++) {
                mid[i] = (lo[i] + hi[i]) / 2;
                half[i] = (hi[i] - lo[i]) / 2;
            }
            new LinePlot("Kept learned edges: enrichment for planted pairs (1 = blind), test tiles", "scale (1 meso, 2 macro)",
                    "enrichment").reference(1)
                    .add(new LinePlot.Series("enrichment", new double[] {1, 2}, y, null))
                    .add(new LinePlot.Series("95% CI", new double[] {1, 2}, mid, half))
                    .write(out.resolve(ENRICHMENT));
        }
    }

    private static double[] column(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToDouble(r -> num(r, key)).toArray();
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
