package org.sigmma.crash;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.sigmma.ingest.jobs.Inbox;
import org.sigmma.ingest.jobs.IngestJobRunner;
import org.sigmma.ingest.jobs.JobQueue;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.graph.GraphTileSource;
import org.sigmma.model.graph.RunWriteBack;
import org.sigmma.model.train.Checkpoints;
import org.sigmma.model.train.SigmmaTrainer;
import org.sigmma.model.train.TrainingProgress;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.Neo4jServer;
import org.sigmma.store.RunRepository;
import org.sigmma.store.ServerGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.jobs.JobRepository;
import org.sigmma.store.jobs.JobStatus;
import org.sigmma.store.write.EmbeddingWriter;

/**
 * A child JVM ingests, trains or writes back and is killed with SIGKILL (destroyForcibly) when its output shows it
 * reached a chosen step; the database is then reopened here and must open cleanly, show no half section and no half
 * write-back, have the job FAILED "interrupted", and let training resume from its last checkpoint.
 */
class CrashRecoveryTest {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(600);

    Path dir;

    @BeforeEach
    void tempDir() throws IOException {
        dir = Files.createTempDirectory("sigmma-crash");
    }

    @AfterEach
    void clean() throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static EmbeddedGraph open(Path data) {
        return EmbeddedGraph.open(StoreSettings.defaults(data).withoutGds().withPageCache(64L << 20));
    }

    static long count(EmbeddedGraph g, String cypher) {
        return Values.asLong(g.query(cypher, Map.of()).get(0).values().iterator().next());
    }

    static void simulate(Path bundle, int cells, long seed) {
        try {
            BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(cells, 100, seed)), bundle, f -> { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Kill the ingest before its first write (while it computes PCA), and in the middle of writing cells and edges. */
    /**
     * A client killed while writing a section to a Neo4j server: the section is LOADING (never READY, never listed as
     * such); a client connecting within the lease leaves it alone, one connecting after it sweeps it (FAILED, no cells);
     * the bundle ingested again is READY and whole.
     */
    @Test
    void aClientKilledWhileWritingToAServerLeavesNoReadyHalfSection() throws Exception {
        Path bundle = dir.resolve("bolt-bundle");
        simulate(bundle, 8000, 13);
        Path data = dir.resolve("client");
        String password = "sigmma-crash-server";
        try (Neo4jServer server = Neo4jServer.start(password, false)) {
            var auth = AuthTokens.basic(Neo4jServer.USER, password);
            String killedAt;
            try (Child c = Child.start("server", data.toString(), bundle.toString(), "bolt", server.uri(), password)) {
                killedAt = c.await(l -> l.startsWith("PROGRESS write cells and edges") && percent(l) >= 30);
                c.kill();
                assertFalse(c.saw(l -> l.equals("INGESTED")), "killed before the section was READY");
            }
            String status = "MATCH (s:Section {id: 'bolt'}) OPTIONAL MATCH (c:Cell {section: 'bolt'}) "
                    + "RETURN s.status AS status, count(c) AS cells";
            try (ServerGraph g = ServerGraph.connect(server.uri(), auth, null, data, ServerGraph.DEFAULT_LEASE)) {
                Map<String, Object> r = g.access().read(status, Map.of()).get(0);
                assertEquals("LOADING", r.get("status"), "within the lease: left alone, and not READY");
                assertTrue(((Number) r.get("cells")).longValue() > 0, "part of it was written");
            }
            try (ServerGraph g = ServerGraph.connect(server.uri(), auth, null, data, Duration.ZERO)) {
                Map<String, Object> r = g.access().read(status, Map.of()).get(0);
                assertEquals("FAILED", r.get("status"), "past the lease: swept");
                assertEquals(0L, ((Number) r.get("cells")).longValue());
                assertEquals(0L, ((Number) g.access().read("MATCH (t:Tile {section: 'bolt'}) RETURN count(t) AS n", Map.of())
                        .get(0).get("n")).longValue());
                report("client killed at '" + killedAt + "' while writing to a server", "LOADING until the lease passed, "
                        + "then swept: FAILED, cells 0, tiles 0");
                new SectionLoader(g).ingest(bundle, ReadOptions.defaults(), IngestParameters.defaults().withName("bolt")
                        .withFeatures(100, 8), ProgressListener.NONE);
                r = g.access().read(status, Map.of()).get(0);
                assertEquals("READY", r.get("status"));
                assertEquals(8000L, ((Number) r.get("cells")).longValue());
            }
        }
    }

    @Test
    void anIngestKilledBeforeOrWhileWritingLeavesNoHalfSectionAndAFailedJob() throws Exception {
        Path inbox = dir.resolve("inbox");
        simulate(inbox.resolve("early"), 1500, 11);
        simulate(inbox.resolve("late"), 8000, 12);
        Path data = dir.resolve("data");

        try (Child c = Child.start("ingest", data.toString(), inbox.toString(), "early")) {
            c.await(l -> l.startsWith("STEP normalise"));
            c.kill();
        }
        try (EmbeddedGraph g = open(data)) {
            Job job = new JobRepository(g.access()).jobs(0, 10).get(0);
            assertEquals(JobStatus.FAILED, job.status());
            assertTrue(job.reason().startsWith("interrupted"), job.reason());
            assertEquals(0, count(g, "MATCH (c:Cell {section: 'early'}) RETURN count(c)"));
            assertEquals(0, count(g, "MATCH (s:Section {id: 'early'}) WHERE s.status <> 'FAILED' RETURN count(s)"));
            report("ingest killed in 'normalise + PCA' (before any write)", "job " + job.status() + " \"" + job.reason()
                    + "\", sections named early: " + count(g, "MATCH (s:Section {id: 'early'}) RETURN count(s)") + ", cells 0");
        }

        String killedAt;
        try (Child c = Child.start("ingest", data.toString(), inbox.toString(), "late")) {
            killedAt = c.await(l -> l.startsWith("PROGRESS write cells and edges") && percent(l) >= 30);
            c.kill();
            assertFalse(c.saw(l -> l.equals("IDLE")), "killed before the job ended");
        }
        try (EmbeddedGraph g = open(data)) {
            JobRepository jobs = new JobRepository(g.access());
            Job job = jobs.jobs(0, 10).get(0);
            assertEquals("late", job.section());
            assertEquals(JobStatus.FAILED, job.status());
            assertTrue(job.reason().startsWith("interrupted"), job.reason());
            Map<String, Object> s = g.query("MATCH (s:Section {id: 'late'}) RETURN s.status AS status, s.reason AS reason",
                    Map.of()).get(0);
            assertEquals("FAILED", s.get("status"), "the half-written section is FAILED");
            assertTrue(String.valueOf(s.get("reason")).startsWith("interrupted"), String.valueOf(s.get("reason")));
            assertEquals(0, count(g, "MATCH (c:Cell {section: 'late'}) RETURN count(c)"), "none of its cells is left");
            assertEquals(0, count(g, "MATCH (t:Tile {section: 'late'}) RETURN count(t)"));
            assertEquals(0, count(g, "MATCH (j:Job {status: 'RUNNING'}) RETURN count(j)"));
            report("ingest killed at '" + killedAt + "'", "section FAILED \"" + s.get("reason") + "\", cells 0, tiles 0, job "
                    + job.status() + " \"" + job.reason() + "\"");

            // the restarted store takes the bundle again and loads it whole
            try (JobQueue q = new JobQueue(jobs, new IngestJobRunner(g, CrashChild.inbox(inbox), null, ProgressListener.NONE),
                    new Inbox(inbox), Duration.ofHours(1)).start()) {
                Job again = q.submit("late", null, "api");
                assertTrue(q.awaitIdle(STEP_TIMEOUT));
                assertEquals(JobStatus.DONE, jobs.job(again.id()).orElseThrow().status());
            }
            assertEquals(8000, count(g, "MATCH (c:Cell {section: 'late'}) RETURN count(c)"));
            assertEquals("READY", g.query("MATCH (s:Section {id: 'late'}) RETURN s.status AS s", Map.of()).get(0).get("s"));
            report("after that restart", "the same bundle submitted again: job DONE, section READY with 8000 cells");
        }
    }

    /** Kill training in its second epoch: the run is INTERRUPTED, the first epoch's checkpoint intact, and a new trainer resumes at epoch 2. */
    @Test
    void trainingKilledInItsSecondEpochResumesFromTheFirstCheckpoint() throws Exception {
        Path bundle = dir.resolve("bundle");
        simulate(bundle, 3000, 21);
        Path data = dir.resolve("data");
        try (Child c = Child.start("train", data.toString(), bundle.toString(), "r1", "2")) {
            c.await(l -> l.equals("STEP 2 1"));
            c.kill();
            assertTrue(c.saw(l -> l.equals("EPOCH 1")));
        }
        Path checkpoints = data.resolve("runs").resolve("r1");
        assertEquals("epoch-0001", new Checkpoints(checkpoints).latest().orElseThrow().getFileName().toString());
        try (EmbeddedGraph g = open(data)) {
            RunRepository.RunInfo run = new RunRepository(g.access()).run("r1").orElseThrow();
            assertEquals("INTERRUPTED", run.status());
            List<Integer> epochsSeen = Collections.synchronizedList(new ArrayList<>());
            TrainingResult r = new SigmmaTrainer(CrashChild.config(2),
                    new GraphTileSource(g.access(), List.of(CrashChild.SECTION), data), checkpoints)
                    .train(new org.sigmma.model.train.TrainingListener() {
                        @Override
                        public void onStep(TrainingProgress p) {
                            epochsSeen.add(p.epoch());
                        }
                    });
            assertFalse(epochsSeen.isEmpty());
            assertTrue(epochsSeen.stream().allMatch(e -> e == 2), "resumed at epoch 2, not from scratch: " + epochsSeen);
            assertEquals(2, r.epochs().size(), "the first epoch's metrics come from the checkpoint");
            assertEquals("epoch-0002", new Checkpoints(checkpoints).latest().orElseThrow().getFileName().toString());
            report("training killed at the first step of epoch 2", "run " + run.status() + ", latest checkpoint epoch-0001; "
                    + "a new trainer ran only epoch 2 (" + epochsSeen.size() + " steps) and ended with " + r.epochs().size() + " epochs");
        }
    }

    /** Kill the write-back after three of its tiles: the next start undoes them, and a new write-back completes. */
    @Test
    void aWriteBackKilledHalfwayIsUndoneOnRestart() throws Exception {
        Path bundle = dir.resolve("bundle");
        simulate(bundle, 3000, 31);
        Path data = dir.resolve("data");
        try (Child c = Child.start("writeback", data.toString(), bundle.toString(), "w1")) {
            c.await(l -> l.equals("TILES 3"));
            c.kill();
            assertFalse(c.saw(l -> l.equals("WRITTEN")));
        }
        try (EmbeddedGraph g = open(data)) {
            Map<String, Object> run = g.query("MATCH (r:Run {id: 'w1'}) RETURN r.writeBack AS wb, r.writeBackReason AS why",
                    Map.of()).get(0);
            assertEquals("FAILED", run.get("wb"));
            assertTrue(String.valueOf(run.get("why")).startsWith("interrupted"), String.valueOf(run.get("why")));
            assertEquals(0, count(g, "MATCH ()-[e:LEARNED {run: 'w1'}]->() RETURN count(e)"));
            assertEquals(0, count(g, "MATCH (c:Cell) WHERE c.embeddingRun = 'w1' OR c.zMeso IS NOT NULL RETURN count(c)"));
            assertEquals(0, count(g, "MATCH (t:Tile) WHERE t.embeddingRun = 'w1' OR t.heMacro IS NOT NULL RETURN count(t)"));
            report("write-back killed after 3 tiles (one transaction each)", "writeBack " + run.get("wb") + " \"" + run.get("why")
                    + "\"; no LEARNED edge, cell or tile embedding of the run left");

            GraphTileSource source = new GraphTileSource(g.access(), List.of(CrashChild.SECTION), data);
            RunWriteBack.Report r = RunWriteBack.run(source, g.embeddingWriter(), "w1", data.resolve("runs").resolve("w1"),
                    "cpu", 16, n -> { });
            long tiles = count(g, "MATCH (t:Tile {section: 'sim'}) RETURN count(t)");
            assertEquals(tiles, r.tiles());
            assertEquals(tiles, count(g, "MATCH (t:Tile {section: 'sim', embeddingRun: 'w1'}) RETURN count(t)"));
            assertEquals("DONE", g.query("MATCH (r:Run {id: 'w1'}) RETURN r.writeBack AS wb", Map.of()).get(0).get("wb"));
        }
    }

    /** What a version of a section holds, as counted on the graph. */
    record Version(String digest, long cells, long edges, long tiles) {
    }

    static Version version(EmbeddedGraph g, String section) {
        Map<String, Object> p = Map.of("s", section);
        return new Version(String.valueOf(g.query("MATCH (s:Section {id: $s}) RETURN s.sourceDigest AS d", p).get(0).get("d")),
                count(g, "MATCH (c:Cell {section: '" + section + "'}) RETURN count(c)"),
                count(g, "MATCH (:Cell {section: '" + section + "'})-[e:NEAR]->() RETURN count(e)"),
                count(g, "MATCH (t:Tile {section: '" + section + "'}) RETURN count(t)"));
    }

    /**
     * Kill a replace at five points (before the staged write, while it writes cells, while it writes edges, at the
     * swap, at the sweep of the old version): after each restart the READY section holds exactly the old or exactly
     * the new version (digest and counts), nothing of the other is left on the graph or on disk, and every tile image
     * it names exists.
     */
    @Test
    void aReplaceKilledAnywhereLeavesExactlyTheOldOrTheNewSection() throws Exception {
        Path oldBundle = dir.resolve("old");
        Path newBundle = dir.resolve("new");
        simulate(oldBundle, 1500, 21);
        simulate(newBundle, 5000, 22);
        Version oldV;
        Version newV;
        Path scratch = dir.resolve("scratch");
        try (EmbeddedGraph g = open(scratch)) {
            new org.sigmma.ingest.load.SectionLoader(g).ingest(newBundle, org.sigmma.ingest.xenium.ReadOptions.defaults(),
                    CrashChild.replaceParameters("n"), ProgressListener.NONE);
            newV = version(g, "n");
        }
        Path data = dir.resolve("data");
        // the child pauses at each progress line of the write (CrashChild.Printing), so that a kill lands inside it
        Map<String, Predicate<String>> points = new java.util.LinkedHashMap<>();
        points.put("before the staged write", l -> l.startsWith("STEP normalise"));
        points.put("while writing (cells written, edges next)", l -> l.startsWith("PROGRESS write cells and edges") && percent(l) >= 10);
        points.put("while writing edges", l -> l.startsWith("PROGRESS write cells and edges") && percent(l) >= 60);
        points.put("at the swap", l -> l.startsWith("STEP swap in the new version"));
        points.put("at the sweep of the old version", l -> l.startsWith("STEP remove the previous version"));
        for (Map.Entry<String, Predicate<String>> point : points.entrySet()) {
            try (EmbeddedGraph g = open(data)) {
                // the old version READY before each kill
                new org.sigmma.ingest.load.SectionLoader(g).ingest(oldBundle, org.sigmma.ingest.xenium.ReadOptions.defaults(),
                        CrashChild.replaceParameters("r"), ProgressListener.NONE);
                oldV = version(g, "r");
            }
            String killedAt;
            try (Child c = Child.start("replace", data.toString(), newBundle.toString(), "r")) {
                killedAt = point.getKey() + ": '" + c.await(l -> point.getValue().test(l) || l.equals("REPLACED")) + "'";
                c.kill();
            }
            try (EmbeddedGraph g = open(data)) {
                assertEquals(List.of("r"), g.query("MATCH (s:Section) RETURN s.id AS id", Map.of()).stream()
                        .map(r -> r.get("id")).toList(), "one section node, no staged or retired version left");
                assertEquals("READY", g.query("MATCH (s:Section {id: 'r'}) RETURN s.status AS s", Map.of()).get(0).get("s"));
                Version found = version(g, "r");
                assertTrue(found.equals(oldV) || found.equals(newV), "killed at '" + killedAt + "': " + found
                        + " is neither the old " + oldV + " nor the new " + newV);
                assertEquals(found.cells(), count(g, "MATCH (c:Cell) RETURN count(c)"), "no cell of the other version");
                assertEquals(found.tiles(), count(g, "MATCH (t:Tile) RETURN count(t)"), "no tile of the other version");
                List<String> refs = g.query("MATCH (t:Tile {section: 'r'}) WHERE t.imageRef IS NOT NULL "
                        + "RETURN t.imageRef AS ref", Map.of()).stream().map(r -> String.valueOf(r.get("ref"))).toList();
                for (String ref : refs) {
                    assertTrue(Files.exists(data.resolve(ref)), "tile image " + ref + " exists");
                }
                try (var dirs = Files.list(data.resolve("tiles"))) {
                    List<String> left = dirs.map(d -> "tiles/" + d.getFileName()).toList();
                    List<String> used = refs.stream().map(ref -> ref.substring(0, ref.lastIndexOf('/'))).distinct().toList();
                    assertEquals(used, left, "only the READY version's image folder is left");
                }
                report("replace killed " + killedAt, "section r READY with the " + (found.equals(newV) ? "new"
                        : "old") + " version: " + found.cells() + " cells, " + found.edges() + " NEAR edges, "
                        + found.tiles() + " tiles, nothing else on the graph or in tiles/");
            }
        }
    }

    /** One line per kill point, for the record of what a restart found. */
    static void report(String killPoint, String found) {
        System.out.println("CRASH " + killPoint + " -> " + found);
    }

    static int percent(String line) {
        String last = line.substring(line.lastIndexOf(' ') + 1).replace("%", "");
        return Integer.parseInt(last);
    }

    /** A child JVM on the test classpath running {@link CrashChild}, its output read line by line. */
    static final class Child implements AutoCloseable {
        private final Process process;
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(l);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            }, "crash-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-Djol.skipHotspotSAAttach=true",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName()));
            cmd.addAll(List.of(args));
            return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        /** Waits for a line; fails with the output's tail when the child ends or the time runs out first. */
        String await(Predicate<String> wanted) throws InterruptedException {
            long end = System.nanoTime() + STEP_TIMEOUT.toNanos();
            int seen = 0;
            synchronized (lines) {
                while (System.nanoTime() < end) {
                    for (; seen < lines.size(); seen++) {
                        if (wanted.test(lines.get(seen))) {
                            return lines.get(seen);
                        }
                    }
                    if (!process.isAlive() && seen == lines.size()) {
                        break;
                    }
                    lines.wait(200);
                }
                throw new AssertionError("the child never printed the awaited line; its output ended with:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
        }

        boolean saw(Predicate<String> p) {
            synchronized (lines) {
                return lines.stream().anyMatch(p);
            }
        }

        /** SIGKILL: no shutdown hook runs, the store is not closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(137, process.exitValue(), "killed by SIGKILL");
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }
}
