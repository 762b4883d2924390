package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.jobs.Inbox;
import org.sigmma.ingest.jobs.InboxParameters;
import org.sigmma.ingest.jobs.IngestJobRunner;
import org.sigmma.ingest.jobs.JobQueue;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.simulate.BundleWriter;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.model.microenv.MicroenvironmentParameters;
import org.sigmma.model.train.TrainingConfig;
import org.sigmma.model.train.TrainingListener;
import org.sigmma.model.train.TrainingResult;
import org.sigmma.pipeline.Pipeline;
import org.sigmma.progress.ProgressListener;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.StoreSettings;
import org.sigmma.store.TempDirs;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.jobs.JobRepository;
import org.sigmma.store.jobs.JobStatus;

/**
 * Soak (issue 17): {@code bench.seconds} (default 600) of REST reads by {@code bench.clients} (default 32) clients on
 * loopback while, in the same process, the inbox ingests a simulated section and then replaces it again and again
 * (its bundle swapped for another of the same name, {@code --inbox-on-change replace}), and a trainer trains one
 * short run after another on a second simulated section. The reads: the section list, the real sample's cluster list,
 * a page of one of its clusters' cells, and a tile subgraph. Every 10 s it samples the heap after the last old
 * generation collection and the RSS. At the end: read errors, jobs by status (none may be QUEUED, RUNNING or FAILED),
 * trainings finished, and heap and RSS over the first and last thirds of the window after a warm-up. Prints and
 * writes {@code bench.out} (default docs/results/soak.json). Not a unit test:
 * {@code mvn -B -o -pl api test -Dtest=SoakBenchmark -Dtest.excludedGroups=none -Dtest.heap=-Xmx6g}.
 */
@Tag("benchmark")
class SoakBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 600));
    static final int CELLS = Integer.getInteger("bench.cells", 8_000);

    record Sample(double atS, long oldGenAfterGcBytes, long heapUsedBytes, long rssBytes) {
    }

    @Test
    void readsWhileSectionsAreIngestedReplacedAndTrainedOn() throws Exception {
        Path dir = TempDirs.create("soak");
        Path out = Path.of(System.getProperty("bench.out", "../docs/results/soak.json"));
        try (EmbeddedGraph graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("data")))) {
            Pipeline pipeline = new Pipeline(graph);
            pipeline.ingest(ApiTestDatabase.SAMPLE, ReadOptions.defaults(), IngestParameters.defaults().withName("brain"),
                    ProgressListener.NONE);
            pipeline.clusters(MicroenvironmentParameters.of("brain", FeatureSource.EXPRESSION, 8));
            List<String> tiles = new ArrayList<>();
            graph.query("MATCH (t:Tile {section: 'brain'}) RETURN t.id AS id ORDER BY id", Map.of())
                    .forEach(r -> tiles.add((String) r.get("id")));
            // two versions of one bundle (the replace alternates them) and a section to train on
            BundleWriter.Options noExtras = BundleWriter.Options.defaults().withParquet(false).withMex(false);
            Path versions = Files.createDirectories(dir.resolve("versions"));
            for (int seed = 1; seed <= 2; seed++) {
                Pipeline.simulate(SimulationParameters.of(CELLS, 200, seed), versions.resolve("v" + seed), noExtras,
                        ProgressListener.NONE);
            }
            Path trainBundle = dir.resolve("train-bundle");
            Pipeline.simulate(SimulationParameters.of(CELLS, 200, 3), trainBundle, noExtras, ProgressListener.NONE);
            pipeline.ingest(trainBundle, ReadOptions.defaults(), IngestParameters.defaults().withName("train"),
                    ProgressListener.NONE);

            Path inbox = Files.createDirectories(dir.resolve("inbox"));
            InboxParameters ip = InboxParameters.of(inbox).withPoll(Duration.ofSeconds(1))
                    .withOnChange(InboxParameters.OnChange.REPLACE);
            JobRepository jobs = new JobRepository(graph.access());
            try (JobQueue q = new JobQueue(jobs, new IngestJobRunner(graph, ip, null, ProgressListener.NONE),
                    new Inbox(inbox), ip.poll()).start();
                 SigmmaServer server = new SigmmaServer(graph, ServerConfig.defaults(Api.WRITE_TOKEN).withPort(0), q).start()) {
                String base = "http://127.0.0.1:" + server.port() + "/api";
                String sec = base + "/sections/brain";
                long start = System.nanoTime();
                long end = start + MEASURE.toNanos();
                AtomicLong errors = new AtomicLong();
                AtomicLong count = new AtomicLong();
                long[][] latencies = new long[CLIENTS][];
                CountDownLatch reads = LoadClients.start("soak-client", CLIENTS, i -> switch (i % 4) {
                    case 0 -> base + "/sections";
                    case 1 -> sec + "/clusters?scale=expression";
                    case 2 -> sec + "/clusters/" + (i % 8) + "/cells?scale=expression&offset=" + (i % 10) * 100 + "&limit=100";
                    default -> base + "/tiles/" + tiles.get(i % tiles.size()) + "/subgraph?scale=meso";
                }, c -> c * 7919, end, Long.MAX_VALUE, latencies, count, errors);

                List<String> writeFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
                AtomicLong placed = new AtomicLong();
                Thread writer = new Thread(() -> {
                    try {
                        for (int v = 0; System.nanoTime() < end - Duration.ofSeconds(30).toNanos(); v++) {
                            place(versions.resolve("v" + (v % 2 + 1)), inbox.resolve("soak"), dir.resolve("trash-" + v));
                            placed.incrementAndGet();
                            // the next version once this one's job has ended
                            long seen = jobCount(jobs);
                            while (jobCount(jobs) == seen && System.nanoTime() < end) {
                                Thread.sleep(200);
                            }
                            if (!q.awaitIdle(Duration.ofMinutes(5))) {
                                writeFailures.add("the job queue was not idle 5 min after version " + v);
                                return;
                            }
                        }
                    } catch (Exception e) {
                        writeFailures.add(e.toString());
                    }
                }, "soak-writer");
                List<Double> losses = new java.util.concurrent.CopyOnWriteArrayList<>();
                Thread trainer = new Thread(() -> {
                    try {
                        TrainingConfig config = TrainingConfig.defaults().with(Map.of("epochs", 1, "batchSize", 16));
                        for (int r = 0; System.nanoTime() < end - Duration.ofSeconds(60).toNanos(); r++) {
                            TrainingResult result = pipeline.train("soak-" + r, List.of("train"), config, "soak",
                                    TrainingListener.NONE);
                            Object loss = result.epochs().get(result.epochs().size() - 1).get("train_loss");
                            losses.add(((Number) loss).doubleValue());
                        }
                    } catch (Exception e) {
                        writeFailures.add("training: " + e);
                    }
                }, "soak-trainer");
                writer.start();
                trainer.start();

                List<Sample> samples = new ArrayList<>();
                MemoryPoolMXBean oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                                && (p.getName().contains("Old") || p.getName().contains("Tenured")))
                        .findFirst().orElse(null);
                while (reads.getCount() > 0) {
                    long after = oldGen == null || oldGen.getCollectionUsage() == null ? -1 : oldGen.getCollectionUsage().getUsed();
                    Runtime rt = Runtime.getRuntime();
                    samples.add(new Sample((System.nanoTime() - start) / 1e9, after, rt.totalMemory() - rt.freeMemory(), rss()));
                    System.out.printf(Locale.ROOT, "soak %4.0f s: %,d requests, %d errors, %d versions placed, %d trainings,"
                                    + " heap %d MiB, old gen after GC %d MiB, RSS %d MiB%n", samples.get(samples.size() - 1).atS(),
                            count.get(), errors.get(), placed.get(), losses.size(), samples.get(samples.size() - 1).heapUsedBytes() >> 20,
                            after >> 20, samples.get(samples.size() - 1).rssBytes() >> 20);
                    reads.await(10, java.util.concurrent.TimeUnit.SECONDS);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                writer.join(Duration.ofMinutes(6).toMillis());
                trainer.join(Duration.ofMinutes(10).toMillis());
                assertTrue(q.awaitIdle(Duration.ofMinutes(5)), "the job queue went idle");
                Map<JobStatus, Long> byStatus = new java.util.EnumMap<>(JobStatus.class);
                for (Job j : jobs.jobs(0, 10_000)) {
                    byStatus.merge(j.status(), 1L, Long::sum);
                }
                long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
                String json = json(seconds, all, errors.get(), placed.get(), byStatus, losses, samples, writeFailures);
                System.out.println("RESULT " + json);
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
                assertEquals(0, errors.get(), "read errors");
                assertEquals(List.of(), writeFailures);
                assertEquals(0L, byStatus.getOrDefault(JobStatus.FAILED, 0L), "failed jobs: " + byStatus);
                assertEquals(0L, byStatus.getOrDefault(JobStatus.QUEUED, 0L) + byStatus.getOrDefault(JobStatus.RUNNING, 0L),
                        "stuck jobs: " + byStatus);
                assertTrue(losses.stream().allMatch(Double::isFinite), "training losses " + losses);
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    /** Swaps a version into the inbox as one rename, so the inbox never sees a half-copied bundle. */
    static void place(Path version, Path target, Path trash) throws IOException {
        Path staged = target.resolveSibling("." + target.getFileName() + ".staged");
        TempDirs.copyTree(version, staged);
        if (Files.exists(target)) {
            Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(trash)) {
            TempDirs.delete(trash);
        }
    }

    static long jobCount(JobRepository jobs) {
        return jobs.jobs(0, 10_000).size();
    }

    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static String json(double seconds, long[] sortedNanos, long errors, long placed, Map<JobStatus, Long> byStatus,
                       List<Double> losses, List<Sample> samples, List<String> failures) {
        // flat after warm-up: the first minute is warm-up; compare the first and last thirds of the rest
        List<Sample> steady = samples.stream().filter(s -> s.atS() >= 60).toList();
        int third = Math.max(1, steady.size() / 3);
        String mem = steady.size() < 3 ? "null" : String.format(Locale.ROOT,
                "{\"oldGenAfterGcMiB\": [%.0f, %.0f], \"heapUsedMiB\": [%.0f, %.0f], \"rssMiB\": [%.0f, %.0f]}",
                mean(steady.subList(0, third), Sample::oldGenAfterGcBytes), mean(steady.subList(steady.size() - third,
                        steady.size()), Sample::oldGenAfterGcBytes),
                mean(steady.subList(0, third), Sample::heapUsedBytes), mean(steady.subList(steady.size() - third,
                        steady.size()), Sample::heapUsedBytes),
                mean(steady.subList(0, third), Sample::rssBytes), mean(steady.subList(steady.size() - third,
                        steady.size()), Sample::rssBytes));
        StringBuilder series = new StringBuilder();
        for (Sample s : samples) {
            series.append(series.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.0f, %d, %d, %d]", s.atS(),
                    s.oldGenAfterGcBytes() >> 20, s.heapUsedBytes() >> 20, s.rssBytes() >> 20));
        }
        return String.format(Locale.ROOT, "{\"clients\": %d, \"seconds\": %.1f, \"cellsPerBundle\": %d, \"requests\": %d, "
                        + "\"errors\": %d, \"p50Ms\": %.2f, \"p99Ms\": %.2f, \"maxMs\": %.1f, \"versionsPlaced\": %d, "
                        + "\"jobs\": \"%s\", \"trainings\": %d, \"trainLosses\": %s, \"failures\": %s, "
                        + "\"firstVsLastThirdAfter60s\": %s, \"samples [s, oldGenAfterGcMiB, heapUsedMiB, rssMiB]\": [%s], "
                        + "\"cores\": %d, \"maxHeapMiB\": %d}",
                CLIENTS, seconds, CELLS, sortedNanos.length, errors, pct(sortedNanos, 0.5), pct(sortedNanos, 0.99),
                sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6, placed, byStatus,
                losses.size(), losses, failures.stream().map(f -> "\"" + f.replace("\"", "'") + "\"").toList(), mem, series,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }

    static double mean(List<Sample> s, java.util.function.ToLongFunction<Sample> f) {
        return s.stream().mapToLong(f).average().orElse(Double.NaN) / (1 << 20);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] / 1e6;
    }
}
