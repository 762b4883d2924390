package org.sigmma.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.jobs.Inbox;
import org.sigmma.ingest.jobs.InboxParameters;
import org.sigmma.ingest.jobs.IngestJobRunner;
import org.sigmma.ingest.jobs.JobQueue;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.model.graph.GraphTileSource;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.RunRepository;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.jobs.JobRepository;
import org.sigmma.store.jobs.JobStatus;

/** serve --inbox with --after-ingest-run and --after-ingest-cluster-k: a new section is embedded with the run and clustered. */
class AfterIngestStepsTest {

    @Test
    void aNewSectionIsEmbeddedWithTheRunAndClusteredAtItsThreeScales() throws Exception {
        Path dir = Files.createTempDirectory("sigmma-after-ingest");
        Path inbox = dir.resolve("inbox");
        for (int i = 0; i < 2; i++) {
            BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(3000, 100, 40 + i)), inbox.resolve("s" + i), f -> { });
        }
        InboxParameters p = InboxParameters.of(inbox).withPoll(Duration.ofHours(1))
                .withIngest(IngestParameters.defaults().withFeatures(100, 16));
        try (EmbeddedGraph g = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")).withPageCache(64L << 20))) {
            JobRepository jobs = new JobRepository(g.access());
            // a first section, and a one-epoch run trained on it
            try (JobQueue q = new JobQueue(jobs, new IngestJobRunner(g, p, null, ProgressListener.NONE), new Inbox(inbox), p.poll()).start()) {
                q.submit("s0", null, "api");
                assertTrue(q.awaitIdle(Duration.ofMinutes(10)));
            }
            Path checkpoints = dir.resolve("data").resolve("runs").resolve("r0");
            TrainingConfig cfg = TrainingConfig.defaults().with(Map.of("epochs", 1, "batchSize", 8));
            new RunRepository(g.access()).start("r0", "train", List.of("s0"), cfg.toJson(), checkpoints.toString());
            new SigmmaTrainer(cfg, new GraphTileSource(g.access(), List.of("s0"), dir.resolve("data")), checkpoints)
                    .train(org.sigmma.model.train.TrainingListener.NONE);

            AfterIngestSteps after = new AfterIngestSteps(g, "r0", 3);
            try (JobQueue q = new JobQueue(jobs, new IngestJobRunner(g, p, after, ProgressListener.NONE), new Inbox(inbox), p.poll()).start()) {
                Job job = q.submit("s1", null, "api");
                assertTrue(q.awaitIdle(Duration.ofMinutes(10)));
                Job done = jobs.job(job.id()).orElseThrow();
                assertEquals(JobStatus.DONE, done.status(), done.reason());
                assertTrue(done.reason().contains("embedded with run r0") && done.reason().contains("clustered k=3 at micro, meso, macro"),
                        done.reason());
            }
            long placed = count(g, "MATCH (c:Cell {section: 's1'}) WHERE c.tile >= 0 RETURN count(c)");
            assertTrue(placed > 0);
            assertEquals(placed, count(g, "MATCH (c:Cell {section: 's1', embeddingRun: 'r0'}) WHERE c.zMeso IS NOT NULL RETURN count(c)"));
            assertEquals(placed, count(g, "MATCH (c:Cell {section: 's1'}) WHERE c.clusterMeso IS NOT NULL AND c.clusterMacro IS NOT NULL RETURN count(c)"));
            assertEquals("DONE", g.query("MATCH (r:Run {id: 'r0'}) RETURN r.writeBack AS wb", Map.of()).get(0).get("wb"));
            assertEquals(0, count(g, "MATCH (c:Cell {section: 's0'}) WHERE c.clusterMeso IS NOT NULL RETURN count(c)"),
                    "only the new section was clustered");
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long count(EmbeddedGraph g, String cypher) {
        return Values.asLong(g.query(cypher, Map.of()).get(0).values().iterator().next());
    }
}
