package org.sigmma.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sigmma.schema.FeatureSource;
import picocli.CommandLine;
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

    @Override
    public Integer call() {
        String section = "demo-" + seed;
        String run = "demo-run-" + seed;
        String d = data.toString();
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"simulate", "--out", out.resolve("bundle").toString(), "--cells", Integer.toString(cells),
            "--genes", "300", "--seed", Long.toString(seed)});
        steps.add(new String[] {"ingest", out.resolve("bundle").toString(), "--name", section, "--data", d, "--pca", "32",
            "--no-gds", "--replace"});
        steps.add(new String[] {"train", "--sections", section, "--run", run, "--epochs", Integer.toString(epochs), "--batch",
            Integer.toString(batch), "--data", d, "--no-gds"});
        steps.add(new String[] {"embed", "--run", run, "--data", d, "--no-gds"});
        steps.add(new String[] {"evaluate", "--run", run, "--data", d, "--no-gds", "--device", "cpu", "--truth",
            section + "=" + out.resolve("bundle")});
        for (String scale : FeatureSource.ids()) {
            steps.add(new String[] {"clusters", "--section", section, "--scale", scale, "--k", Integer.toString(k), "--data", d});
            steps.add(new String[] {"map", "--section", section, "--scale", scale, "--data", d, "--out",
                out.resolve(section + "-" + scale + ".png").toString()});
        }
        int i = 0;
        long start = System.nanoTime();
        for (String[] step : steps) {
            i++;
            System.out.printf("%n== demo step %d/%d: sigmma %s  (%.0f s so far)%n", i, steps.size(), String.join(" ", step),
                    (System.nanoTime() - start) / 1e9);
            int code = Sigmma.commandLine().execute(step);
            if (code != 0) {
                System.err.println("demo stopped: step '" + step[0] + "' failed (exit " + code + ")");
                return code;
            }
        }
        try {
            DemoPictures.write(data.resolve("runs").resolve(run), out);
        } catch (java.io.IOException e) {
            System.err.println("demo: could not render the training pictures: " + e.getMessage());
            return 1;
        }
        System.out.printf("%ndemo done in %.0f s: section %s, run %s; maps, training curves and learned-edge enrichment "
                + "in %s%n", (System.nanoTime() - start) / 1e9, section, run, out.toAbsolutePath());
        String[] query = {"cypher", "--data", d, "--no-gds", "--library", "examples-learned-vs-near-type-pairs-read", "-p",
            "section=" + section, "-p", "scale=meso", "-p", "run=" + run, "-p", "limit=8"};
        System.out.println("\nWhich cell types did the model join at the meso scale, against what adjacency alone joins "
                + "(lift > 1: joined more often than NEAR edges join them)?");
        System.out.println("  ./sigmma " + String.join(" ", query));
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

}
