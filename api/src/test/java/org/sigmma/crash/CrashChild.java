package org.sigmma.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sigmma.ingest.jobs.Inbox;
import org.sigmma.ingest.jobs.InboxParameters;
import org.sigmma.ingest.jobs.IngestJobRunner;
import org.sigmma.ingest.jobs.JobQueue;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.graph.GraphTileSource;
import org.sigmma.model.graph.RunWriteBack;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingProgress;
import org.sigmma.progress.ProgressListener;
import org.neo4j.driver.AuthTokens;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.Neo4jServer;
import org.sigmma.store.ServerGraph;
import org.sigmma.store.RunRepository;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.write.EmbeddingWriter;

/**
 * The process the crash tests kill: it ingests (as a job of the queue), trains or writes back on a database and prints
 * a line at each step, so that the test can SIGKILL it at a chosen point.
 *
 * <pre>
 * ingest    DATA INBOX BUNDLE
 * train     DATA BUNDLE RUN EPOCHS
 * writeback DATA BUNDLE RUN
 * server    DATA BUNDLE NAME URI PASSWORD   (an ingest over Bolt into a Neo4j server; DATA holds the client's files)
 * </pre>
 */
public final class CrashChild {

    static final String SECTION = "sim";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        if (args[0].equals("server")) {
            try (ServerGraph g = ServerGraph.connect(args[4], AuthTokens.basic(Neo4jServer.USER, args[5]), null, data,
                    ServerGraph.DEFAULT_LEASE)) {
                say("OPEN");
                new SectionLoader(g).ingest(Path.of(args[2]), ReadOptions.defaults(),
                        IngestParameters.defaults().withName(args[3]).withFeatures(100, 8), new Printing(300));
                say("INGESTED");
            }
            say("CLOSED");
            return;
        }
        try (EmbeddedGraph g = EmbeddedGraph.open(StoreSettings.defaults(data).withoutGds().withPageCache(64L << 20))) {
            say("OPEN");
            switch (args[0]) {
                case "ingest" -> ingest(g, Path.of(args[2]), args[3]);
                case "train" -> train(g, data, Path.of(args[2]), args[3], Integer.parseInt(args[4]));
                case "writeback" -> writeBack(g, data, Path.of(args[2]), args[3]);
                case "replace" -> replace(g, Path.of(args[2]), args[3]);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
        say("CLOSED");
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static InboxParameters inbox(Path dir) {
        return InboxParameters.of(dir).withPoll(Duration.ofHours(1)).withIngest(IngestParameters.defaults().withFeatures(100, 8));
    }

    static void ingest(EmbeddedGraph g, Path inboxDir, String bundle) throws InterruptedException {
        InboxParameters p = inbox(inboxDir);
        try (JobQueue q = new JobQueue(new org.sigmma.store.jobs.JobRepository(g.access()),
                new IngestJobRunner(g, p, null, new Printing()), new Inbox(inboxDir), p.poll())) {
            Job job = q.submit(bundle, null, "api");
            say("JOB " + job.id());
            q.start();
            q.awaitIdle(Duration.ofMinutes(10));
            say("IDLE");
        }
    }

    /** Ingests a bundle as section {@code name} with replace, printing every step. */
    static void replace(EmbeddedGraph g, Path bundle, String name) {
        new SectionLoader(g).ingest(bundle, ReadOptions.defaults(), replaceParameters(name), new Printing(300));
        say("REPLACED");
    }

    static IngestParameters replaceParameters(String name) {
        return IngestParameters.defaults().withName(name).withFeatures(100, 8).withReplace(true);
    }

    static TrainingConfig config(int epochs) {
        return TrainingConfig.defaults().with(Map.of("epochs", epochs, "batchSize", 8));
    }

    static void loadSim(EmbeddedGraph g, Path bundle) {
        new SectionLoader(g).ingest(bundle, ReadOptions.defaults(),
                IngestParameters.defaults().withName(SECTION).withFeatures(100, 16), ProgressListener.NONE);
        say("INGESTED");
    }

    static void train(EmbeddedGraph g, Path data, Path bundle, String run, int epochs) throws Exception {
        loadSim(g, bundle);
        Path checkpoints = data.resolve("runs").resolve(run);
        TrainingConfig cfg = config(epochs);
        new org.sigmma.model.graph.TrainingRun(g.access(), run, "train", List.of(SECTION))
                .train(cfg, new GraphTileSource(g.access(), List.of(SECTION), data), checkpoints,
                        new org.sigmma.model.train.TrainingListener() {
                            @Override
                            public void onStep(TrainingProgress p) {
                                say("STEP " + p.epoch() + " " + p.step());
                            }

                            @Override
                            public void onEpoch(Map<String, Object> metrics) {
                                say("EPOCH " + metrics.get("epoch"));
                            }
                        });
        say("TRAINED");
    }

    static void writeBack(EmbeddedGraph g, Path data, Path bundle, String run) throws Exception {
        train(g, data, bundle, run, 1);
        GraphTileSource source = new GraphTileSource(g.access(), List.of(SECTION), data);
        // one tile per step and per transaction: many points to be killed at
        RunWriteBack.run(source, g.embeddingWriter(), run, data.resolve("runs").resolve(run), "cpu", 1,
                n -> say("TILES " + n));
        say("WRITTEN");
    }

    /** Prints each step and every 5% of it. */
    static final class Printing implements ProgressListener {
        private final long pauseMillis;
        private String step = "";
        private long total;
        private long lastPrinted = -1;

        Printing() {
            this(0);
        }

        /** Pauses this long after each progress line, so that a kill aimed at a point of a fast write lands in it. */
        Printing(long pauseMillis) {
            this.pauseMillis = pauseMillis;
        }

        @Override
        public void step(String name, String units, long total) {
            this.step = name;
            this.total = total;
            this.lastPrinted = -1;
            say("STEP " + name);
        }

        @Override
        public void progress(long done) {
            long pct = total <= 0 ? 0 : done * 100 / total;
            if (pct / 5 != lastPrinted / 5) {
                lastPrinted = pct;
                say("PROGRESS " + step + " " + pct + "%");
                if (pauseMillis > 0) {
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    static {
        System.setProperty("ai.djl.offline", "true");
    }
}
