package org.sigmma.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.IngestReport;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.eval.ProbeParameters;
import org.sigmma.model.eval.ReportFiles;
import org.sigmma.model.microenv.MicroenvironmentParameters;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.progress.ConsoleProgress;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job end to end on the embedded default: simulate a section with a paired H&amp;E image, ingest it, train
 * SIGMMA briefly, write embeddings and learned edges back, cluster microenvironments at every scale, render the maps,
 * and (with --serve) start the REST server on the result. Each step is the command a user would run by hand.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate, ingest, train, embed, cluster and map a section end to end (then serve with --serve).")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", defaultValue = "demo-output", description = "where the bundle and the maps go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--cells", defaultValue = "12000", description = "simulated cells (default: ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--epochs", defaultValue = "30", description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "16", description = "tiles per training batch (default: ${DEFAULT-VALUE}: "
            + "the demo's section has about 80 training tiles, and batches of 32 would leave two steps an epoch)")
    int batch;

    @Option(names = "--k", defaultValue = "6", description = "microenvironments per scale (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--serve", description = "start the REST server at the end (Ctrl-C stops it)")
    boolean serve;

    @Option(names = "--port", defaultValue = "7474", description = "server port with --serve (default: ${DEFAULT-VALUE})")
    int port;

    /** One step of the demo: the command a user would type for it, and the same work through the {@link Pipeline}. */
    private record Step(String command, Work work) {
    }

    private interface Work {
        void run() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        String section = "demo-" + seed;
        String run = "demo-run-" + seed;
        String d = data.toString();
        Path bundle = out.resolve("bundle");
        ConsoleProgress progress = new ConsoleProgress(System.out);
        long start = System.nanoTime();
        // simulating needs no database: the bundle exists before the database opens, as when a user ingests their own
        step(1, "simulate --out " + bundle + " --cells " + cells + " --genes 300 --seed " + seed, start);
        Pipeline.simulate(SimulationParameters.of(cells, 300, seed), bundle, BundleWriter.Options.defaults(), progress);
        try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(data))) {
            Pipeline pipeline = new Pipeline(graph);
            List<Step> steps = new ArrayList<>();
            steps.add(new Step("ingest " + bundle + " --name " + section + " --data " + d + " --pca 32 --replace", () -> {
                IngestReport r = pipeline.ingest(bundle, ReadOptions.defaults(),
                        IngestParameters.defaults().withName(section).withFeatures(2000, 32).withReplace(true), progress);
                System.out.printf(Locale.ROOT, "section %s: %s, %,d cells, %,d edges, %d tiles, %d H&E tiles%n", r.sectionId(),
                        r.outcome(), r.cells(), r.edges(), r.tiles(), r.tileImages());
            }));
            steps.add(new Step("train --sections " + section + " --run " + run + " --epochs " + epochs + " --batch " + batch
                    + " --data " + d, () -> {
                TrainingConfig cfg = TrainingConfig.defaults().with(Map.of("epochs", epochs, "batchSize", batch));
                TrainingResult r = pipeline.train(run, List.of(section), cfg, "demo", new TrainingListener() { });
                System.out.printf(Locale.ROOT, "run %s: %d epochs on %s, best epoch %d (validation recall %.3f), %s%n", run,
                        r.epochs().size(), r.device(), r.bestEpoch(), r.bestRecall(), r.stopReason());
            }));
            steps.add(new Step("embed --run " + run + " --data " + d, () -> {
                var r = pipeline.embed(run, null, "auto", 64, progress);
                System.out.printf(Locale.ROOT, "run %s: %d tiles and their cells embedded, %,d LEARNED edges written%n", run,
                        r.tiles(), r.learnedEdges());
            }));
            steps.add(new Step("evaluate --run " + run + " --data " + d + " --device cpu --truth " + section + "=" + bundle, () -> {
                var o = pipeline.evaluate(run, ProbeParameters.defaults(), "cpu", Map.of(section, bundle));
                System.out.println(ReportFiles.markdown(o.report(), "run " + run));
                if (o.learnedEdges() != null) {
                    o.learnedEdges().lines().forEach(System.out::println);
                }
            }));
            for (FeatureSource source : FeatureSource.all()) {
                steps.add(new Step("clusters --section " + section + " --scale " + source.id() + " --k " + k + " --data " + d,
                        () -> System.out.printf(Locale.ROOT, "%d microenvironments%n", pipeline.clusters(
                                MicroenvironmentParameters.of(section, source, k)).size())));
                Path map = out.resolve(section + "-" + source.id() + ".png");
                steps.add(new Step("map --section " + section + " --scale " + source.id() + " --data " + d + " --out " + map,
                        () -> System.out.println("wrote " + pipeline.writeMap(section, source, 1200, map).toAbsolutePath())));
            }
            for (int i = 0; i < steps.size(); i++) {
                step(i + 2, steps.get(i).command(), start);
                try {
                    steps.get(i).work().run();
                } catch (Exception e) {
                    System.err.println("demo stopped: step 'sigmma " + steps.get(i).command() + "' failed: " + e.getMessage());
                    return 1;
                }
            }
        }
        DemoPictures.write(data.resolve("runs").resolve(run), out);
        System.out.printf(Locale.ROOT, "%ndemo done in %.0f s: section %s, run %s; maps, training curves and learned-edge "
                + "enrichment in %s%n", (System.nanoTime() - start) / 1e9, section, run, out.toAbsolutePath());
        String[] query = {"cypher", "--data", d, "--no-gds", "--library", "examples-learned-vs-near-type-pairs-read", "-p",
            "section=" + section, "-p", "scale=meso", "-p", "run=" + run, "-p", "limit=8"};
        System.out.println("\nWhich cell types did the model join at the meso scale, against what adjacency alone joins "
                + "(lift > 1: joined more often than NEAR edges join them)?");
        System.out.println("  ./sigmma " + String.join(" ", query));
        // the user-facing commands themselves, as the demo tells the user to type them
        int q = Sigmma.commandLine().execute(query);
        if (q != 0) {
            return q;
        }
        if (serve) {
            System.out.println("serving on http://127.0.0.1:" + port + "/api (OpenAPI at /api/openapi.json); Ctrl-C stops");
            return Sigmma.commandLine().execute("serve", "--data", d, "--port", Integer.toString(port));
        }
        return 0;
    }

    private static void step(int i, String command, long start) {
        System.out.printf(Locale.ROOT, "%n== demo step %d: sigmma %s  (%.0f s so far)%n", i, command,
                (System.nanoTime() - start) / 1e9);
    }
}
