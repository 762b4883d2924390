package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.jobs.Inbox;
import org.sigmma.ingest.jobs.InboxParameters;
import org.sigmma.ingest.jobs.IngestJobRunner;
import org.sigmma.ingest.jobs.JobQueue;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.Values;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.jobs.JobRepository;
import org.sigmma.store.jobs.JobStatus;

/**
 * Ingest jobs over REST and from the watched inbox, on their own small database: submit and status, paths confined to
 * the inbox, the same bundle twice, a changed bundle refused or replaced whole, and reads served while a section loads.
 */
class JobsApiTest {

    static Path dir;
    static EmbeddedGraph graph;

    @BeforeAll
    static void open() throws IOException {
        dir = Files.createTempDirectory("sigmma-jobs-test");
        graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")).withoutGds().withPageCache(64L << 20));
    }

    @AfterAll
    static void close() throws IOException {
        graph.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static InboxParameters params(String inbox, Duration poll, InboxParameters.OnChange onChange) {
        return InboxParameters.of(dir.resolve(inbox)).withPoll(poll).withOnChange(onChange)
                .withIngest(IngestParameters.defaults().withFeatures(100, 8));
    }

    static JobQueue queue(InboxParameters p) {
        return new JobQueue(new JobRepository(graph.access()), new IngestJobRunner(graph, p, null, ProgressListener.NONE),
                new Inbox(p.dir()), p.poll()).start();
    }

    /** A simulated Xenium bundle, written beside the inbox and moved in whole (as a copy script would). */
    static Path bundle(Path inbox, String name, int cells, long seed) throws IOException {
        Path staging = dir.resolve("staging-" + name + "-" + seed);
        BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(cells, 100, seed)), staging, f -> { });
        Path target = inbox.resolve(name);
        if (Files.exists(target)) {
            try (var walk = Files.walk(target)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(inbox);
        Files.move(staging, target);
        return target;
    }

    static long count(String cypher, Map<String, Object> params) {
        return Values.asLong(graph.query(cypher, params).get(0).values().iterator().next());
    }

    static JsonNode await(io.javalin.testtools.HttpClient client, String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < end) {
            JsonNode job = Api.get(client, "/api/jobs/" + id).body();
            String s = job.get("status").asText();
            if (s.equals("DONE") || s.equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish in 300 s");
    }

    static void serve(JobQueue q, Api.Case c) {
        SigmmaServer server = new SigmmaServer(graph, Api.config(), q);
        JavalinTest.test(server.javalin(), (app, client) -> c.run(client));
    }

    @Test
    void theSameBundleTwiceGivesOneSectionAndTheSecondJobIsSkipped() throws Exception {
        InboxParameters p = params("inbox-twice", Duration.ofHours(1), InboxParameters.OnChange.REFUSE);
        Path b = bundle(p.dir(), "twice", 500, 1);
        try (JobQueue q = queue(p)) {
            serve(q, client -> {
                assertEquals(401, Api.post(client, "/api/jobs", "{\"bundle\": \"twice\"}", null).status());
                assertEquals(403, Api.post(client, "/api/jobs", "{\"bundle\": \"twice\"}", "wrong").status());
                Api.Reply first = Api.post(client, "/api/jobs", "{\"bundle\": \"twice\"}", Api.WRITE_TOKEN);
                assertEquals(202, first.status(), first.raw());
                assertEquals("twice", first.body().get("section").asText());
                assertEquals("api", first.body().get("source").asText());
                JsonNode done = await(client, first.body().get("id").asText());
                assertEquals("DONE", done.get("status").asText(), done.toString());
                assertEquals("LOADED", done.get("outcome").asText());
                assertNotNull(done.get("startedAt").asText());
                assertTrue(done.get("finishedAt").asText().compareTo(done.get("startedAt").asText()) >= 0);
                long cells = count("MATCH (c:Cell {section: 'twice'}) RETURN count(c)", Map.of());
                assertTrue(cells > 0);

                // the same folder again, named by its absolute path this time
                Api.Reply again = Api.post(client, "/api/jobs", Api.json(Map.of("bundle", b.toString())), Api.WRITE_TOKEN);
                assertEquals(202, again.status(), again.raw());
                JsonNode second = await(client, again.body().get("id").asText());
                assertEquals("DONE", second.get("status").asText(), second.toString());
                assertEquals("UNCHANGED", second.get("outcome").asText());
                assertTrue(second.get("reason").asText().startsWith("skipped"), second.toString());
                assertEquals(1, count("MATCH (s:Section {id: 'twice'}) RETURN count(s)", Map.of()));
                assertEquals(cells, count("MATCH (c:Cell {section: 'twice'}) RETURN count(c)", Map.of()));

                List<JsonNode> jobs = Api.all(client, "/api/jobs", 1);
                int i = -1;
                for (int k = 0; k < jobs.size(); k++) {
                    if (jobs.get(k).get("id").asText().equals(second.get("id").asText())) {
                        i = k;
                    }
                }
                assertTrue(i >= 0 && i + 1 < jobs.size(), "the list holds both jobs");
                assertEquals(first.body().get("id").asText(), jobs.get(i + 1).get("id").asText(), "newest first");
                Api.Reply missing = Api.get(client, "/api/jobs/job-999999");
                assertEquals(404, missing.status());
                assertEquals(404, missing.body().get("status").asInt());
            });
        }
    }

    @Test
    void pathsOutsideTheInboxAreRefusedWith400() throws Exception {
        InboxParameters p = params("inbox-paths", Duration.ofHours(1), InboxParameters.OnChange.REFUSE);
        Files.createDirectories(p.dir().resolve("real"));
        Path outside = Files.createDirectories(dir.resolve("outside-bundle"));
        Files.writeString(outside.resolve("cells.csv.gz"), "not for you");
        Files.createSymbolicLink(p.dir().resolve("link-out"), outside);
        try (JobQueue q = queue(p)) {
            serve(q, client -> {
                int before = Api.all(client, "/api/jobs", 50).size();
                for (String body : List.of(Api.json(Map.of("bundle", "../outside-bundle")),
                        Api.json(Map.of("bundle", "real/../../outside-bundle")),
                        Api.json(Map.of("bundle", outside.toString())),
                        Api.json(Map.of("bundle", "/etc")),
                        Api.json(Map.of("bundle", "link-out")),
                        Api.json(Map.of("bundle", "missing")),
                        Api.json(Map.of("bundle", ".")),
                        Api.json(Map.of("bundle", 42)),
                        "{}", "not json", "[\"real\"]")) {
                    Api.Reply r = Api.post(client, "/api/jobs", body, Api.WRITE_TOKEN);
                    assertEquals(400, r.status(), body + " -> " + r.raw());
                    assertEquals(400, r.body().get("status").asInt());
                    assertFalse(r.body().get("error").asText().isBlank());
                }
                assertEquals(before, Api.all(client, "/api/jobs", 50).size(), "no job was queued");
            });
        }
        // a server without an inbox lists jobs but accepts none
        serve(null, client -> {
            assertEquals(200, Api.get(client, "/api/jobs").status());
            assertEquals(409, Api.post(client, "/api/jobs", "{\"bundle\": \"real\"}", Api.WRITE_TOKEN).status());
        });
    }

    @Test
    void aChangedBundleIsRefusedOrReplacedWholeNeverMixed() throws Exception {
        InboxParameters refuse = params("inbox-change", Duration.ofHours(1), InboxParameters.OnChange.REFUSE);
        bundle(refuse.dir(), "changing", 500, 1);
        String digest1;
        long cells1;
        try (JobQueue q = queue(refuse)) {
            Job first = q.submit("changing", null, "api");
            assertTrue(q.awaitIdle(Duration.ofSeconds(300)));
            assertEquals(JobStatus.DONE, q.repository().job(first.id()).orElseThrow().status());
            digest1 = digest("changing");
            cells1 = count("MATCH (c:Cell {section: 'changing'}) RETURN count(c)", Map.of());

            bundle(refuse.dir(), "changing", 650, 2);
            Job refused = q.submit("changing", null, "api");
            assertTrue(q.awaitIdle(Duration.ofSeconds(300)));
            Job r = q.repository().job(refused.id()).orElseThrow();
            assertEquals(JobStatus.FAILED, r.status());
            assertTrue(r.reason().startsWith("refused"), r.reason());
            assertEquals(digest1, digest("changing"), "the section is as it was");
            assertEquals(cells1, count("MATCH (c:Cell {section: 'changing'}) RETURN count(c)", Map.of()));
        }
        InboxParameters replace = refuse.withOnChange(InboxParameters.OnChange.REPLACE);
        try (JobQueue q = queue(replace)) {
            Job replaced = q.submit("changing", null, "api");
            assertTrue(q.awaitIdle(Duration.ofSeconds(300)));
            Job r = q.repository().job(replaced.id()).orElseThrow();
            assertEquals(JobStatus.DONE, r.status(), r.reason());
            assertEquals("REPLACED", r.outcome());
            assertNotEquals(digest1, digest("changing"));
            long nCells = Values.asLong(graph.query("MATCH (s:Section {id: 'changing'}) RETURN s.nCells AS n", Map.of()).get(0).get("n"));
            assertEquals(nCells, count("MATCH (c:Cell {section: 'changing'}) RETURN count(c)", Map.of()),
                    "every cell is of the new bundle: none of the old one is left");
            assertNotEquals(cells1, nCells);
            assertEquals(1, count("MATCH (s:Section {id: 'changing'}) RETURN count(s)", Map.of()));
            // and the same bundle once more is a no-op, replace or not
            Job same = q.submit("changing", null, "api");
            assertTrue(q.awaitIdle(Duration.ofSeconds(300)));
            assertEquals("UNCHANGED", q.repository().job(same.id()).orElseThrow().outcome());
        }
    }

    private static String digest(String section) {
        return Values.asString(graph.query("MATCH (s:Section {id: $s}) RETURN s.sourceDigest AS d", Map.of("s", section))
                .get(0).get("d"));
    }

    @Test
    void theInboxIngestsEachCompleteBundleOnce() throws Exception {
        InboxParameters p = params("inbox-watch", Duration.ofSeconds(1), InboxParameters.OnChange.REFUSE);
        Files.createDirectories(p.dir());
        // a folder still being copied: a new file every 20 ms, so it never looks the same at two looks 1 s apart
        Path copying = Files.createDirectories(p.dir().resolve("copying"));
        AtomicInteger parts = new AtomicInteger();
        Thread copier = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Files.writeString(copying.resolve("part-" + parts.incrementAndGet()), "x");
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                // stopped
            }
        }, "copier");
        copier.start();
        try (JobQueue q = queue(p)) {
            bundle(p.dir(), "dropped", 400, 3);
            // a bundle written in place, its marker last
            Path marked = p.dir().resolve("marked");
            BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(400, 100, 4)), marked, f -> { });
            Files.writeString(marked.resolve(Inbox.MARKER), "");
            long end = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (System.nanoTime() < end && !(doneFor(q, "dropped") && doneFor(q, "marked"))) {
                Thread.sleep(100);
            }
            assertTrue(doneFor(q, "dropped") && doneFor(q, "marked"), "both bundles were ingested");
            Thread.sleep(3000); // three more looks
            List<Job> all = q.repository().jobs(0, 1000);
            assertEquals(1, all.stream().filter(j -> "dropped".equals(j.section())).count(), "queued once");
            assertEquals(1, all.stream().filter(j -> "marked".equals(j.section())).count(), "queued once");
            assertTrue(parts.get() > 10, "the copy went on");
            assertEquals(0, all.stream().filter(j -> "copying".equals(j.section())).count(), "still changing: not queued");
            assertTrue(all.stream().filter(j -> "dropped".equals(j.section())).allMatch(j -> "inbox".equals(j.source())));
            assertEquals(1, count("MATCH (s:Section {id: 'dropped', status: 'READY'}) RETURN count(s)", Map.of()));
        } finally {
            copier.interrupt();
            copier.join();
        }
    }

    private static boolean doneFor(JobQueue q, String section) {
        return q.repository().jobs(0, 1000).stream()
                .anyMatch(j -> section.equals(j.section()) && j.status() == JobStatus.DONE);
    }

    @Test
    void readsAreServedWhileASectionLoads() throws Exception {
        InboxParameters p = params("inbox-busy", Duration.ofHours(1), InboxParameters.OnChange.REFUSE);
        bundle(p.dir(), "busy", 6000, 5);
        try (JobQueue q = queue(p)) {
            serve(q, client -> {
                int port = Integer.parseInt(URI.create(client.getOrigin()).getPort() + "");
                String id = Api.post(client, "/api/jobs", "{\"bundle\": \"busy\"}", Api.WRITE_TOKEN).body().get("id").asText();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                AtomicInteger duringLoad = new AtomicInteger();
                ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Thread th = new Thread(() -> {
                        try {
                            while (true) {
                                JsonNode job = get(http, port, "/api/jobs/" + id, problems);
                                String status = job == null ? "?" : job.get("status").asText();
                                if (status.equals("DONE") || status.equals("FAILED")) {
                                    return;
                                }
                                JsonNode sections = get(http, port, "/api/sections?limit=50", problems);
                                if (sections != null && status.equals("RUNNING")) {
                                    duringLoad.incrementAndGet();
                                    for (JsonNode s : sections.get("items")) {
                                        if (s.get("id").asText().equals("busy")) {
                                            checkNoHalfSection(http, port, s.get("status").asText(), problems);
                                        }
                                    }
                                }
                            }
                        } catch (Exception e) {
                            problems.add(e.toString());
                        }
                    });
                    th.start();
                    clients.add(th);
                }
                for (Thread th : clients) {
                    th.join(Duration.ofSeconds(120).toMillis());
                }
                assertTrue(problems.isEmpty(), problems.toString());
                assertEquals("DONE", Api.get(client, "/api/jobs/" + id).body().get("status").asText());
                assertTrue(duringLoad.get() > 0, "some reads were answered while the job ran");
            });
        }
    }

    /**
     * A section seen LOADING refuses its cells (409) unless it became READY meanwhile; one seen READY holds every cell
     * of the bundle already (READY is the last write of an ingest).
     */
    private static void checkNoHalfSection(HttpClient http, int port, String status, ConcurrentLinkedQueue<String> problems)
            throws Exception {
        if (status.equals("LOADING")) {
            HttpResponse<String> cells = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/sections/busy/cells?limit=10")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (cells.statusCode() != 409) {
                JsonNode now = get(http, port, "/api/sections/busy", problems);
                if (now == null || !now.get("status").asText().equals("READY")) {
                    problems.add("cells of a LOADING section answered " + cells.statusCode());
                }
            }
        } else if (status.equals("READY")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cypher"))
                    .header("Authorization", "Bearer " + Api.WRITE_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"MATCH (c:Cell {section: 'busy'}) RETURN count(c) AS n\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            if (r.statusCode() != 200 || !body.contains("6000")) {
                problems.add("a READY section without all its cells: " + r.statusCode() + " " + body);
            }
        } else {
            problems.add("busy shown " + status + " while its job runs");
        }
    }

    private static JsonNode get(HttpClient http, int port, String path, ConcurrentLinkedQueue<String> problems)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            problems.add(path + " -> " + r.statusCode() + " " + r.body());
            return null;
        }
        return Api.JSON.readTree(r.body());
    }
}
