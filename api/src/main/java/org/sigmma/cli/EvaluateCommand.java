package org.sigmma.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sigmma.model.eval.ProbeParameters;
import org.sigmma.model.eval.ReportFiles;
import org.sigmma.model.graph.RunEvaluation;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The paper's two tasks on a trained run's test tiles: a report, plots, metrics on the Run node, a stored predictor. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained run on its test tiles: Task 1 gene-expression prediction (HE embedding -> PCA -> "
                + "ridge -> mean log1p of the top variable genes; MSE and PCC) and Task 2 cross-modal retrieval "
                + "(Recall@5/10/15%%, both directions, per scale and combined).",
            "Writes evaluation.json, evaluation.md, recall.png and gene-pcc.png under data/runs/RUN/evaluation, the fitted "
                + "predictor to data/runs/RUN/gene-predictor.json (served by GET /api/runs/RUN/tiles/TILE/prediction), "
                + "and stores the metrics on the (:Run) node."})
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--run", required = true, description = "the run id (sigmma train printed it)")
    String run;

    @Option(names = "--device", defaultValue = "auto", description = "auto | cpu | gpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--genes", defaultValue = "50", description = "highly variable genes predicted (default: ${DEFAULT-VALUE})")
    int genes;

    @Option(names = "--components", defaultValue = "256",
            description = "PCA components of the embedding, fewer when there are fewer training tiles (default: ${DEFAULT-VALUE})")
    int components;

    @Option(names = "--truth", description = "section=BUNDLE: a simulated bundle's truth/ for that section (repeatable): "
            + "adds the composition ceiling, retrieval within the query's domain and the learned edges' enrichment for "
            + "the pairs the simulator planted (docs/method.md)")
    Map<String, Path> truth = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        ProbeParameters probe = new ProbeParameters(components, genes, ProbeParameters.defaults().alphas());
        try (GraphStore graph = store.store()) {
            RunEvaluation.Outcome o = new Pipeline(graph).evaluate(run, probe, device, truth);
            System.out.println(ReportFiles.markdown(o.report(), "run " + run));
            if (o.learnedEdges() != null) {
                o.learnedEdges().lines().forEach(System.out::println);
                if (truth.isEmpty()) {
                    System.out.println("(planted-pair enrichment needs the simulator's truth: --truth SECTION=BUNDLE)");
                }
            }
            System.out.println("report: " + o.reportDir().toAbsolutePath());
            System.out.println("predictor: " + o.predictorFile().toAbsolutePath()
                    + " (GET /api/runs/" + run + "/tiles/{tileId}/prediction once the run's embeddings are written back)");
        }
        return 0;
    }
}
