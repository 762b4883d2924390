package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
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
import org.sigmma.ingest.simulate.SectionSimulator;
import org.sigmma.ingest.simulate.SimulationParameters;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.jobs.JobRepository;
import org.sigmma.store.jobs.JobStatus;

/**
 * Reads while a section loads: a simulated 20,000-cell bundle is submitted as a job to a server over the shared test
 * database (the real sample with its clusters), and as soon as the job runs, 8 clients on loopback send requests back
 * to back for 20 s, alternating the section list, the cluster list of the sample and a page of a cluster's cells.
 * Prints requests, p50, p99, max, errors, and how much of the window the ingest was running. Run with
 * -Dtest.excludedGroups=none -Dgroups=benchmark -Dtest=IngestLoadBenchmark; timings are printed, errors asserted.
 */
@Tag("benchmark")
class IngestLoadBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    static final int CELLS = Integer.getInteger("bench.cells", 20_000);

    @Test
    void readsDuringA20kCellIngest() throws Exception {
        EmbeddedGraph graph = ApiTestDatabase.graph();
        Path inbox = Files.createTempDirectory("sigmma-ingest-load");
        long t0 = System.nanoTime();
        BundleWriter.write(SectionSimulator.simulate(SimulationParameters.of(CELLS, 200, 7)), inbox.resolve("load20k"), f -> { });
        System.out.printf(Locale.ROOT, "bundle of %,d cells written in %.1f s%n", CELLS, (System.nanoTime() - t0) / 1e9);
        InboxParameters p = InboxParameters.of(inbox).withPoll(Duration.ofHours(1))
                .withIngest(IngestParameters.defaults().withFeatures(200, 16));
        JobRepository jobs = new JobRepository(graph.access());
        try (JobQueue q = new JobQueue(jobs, new IngestJobRunner(graph, p, null, ProgressListener.NONE), new Inbox(inbox),
                p.poll()).start();
             SigmmaServer server = new SigmmaServer(graph, ServerConfig.defaults(Api.WRITE_TOKEN).withPort(0), q).start()) {
            String base = "http://127.0.0.1:" + server.port() + "/api";
            String sec = base + "/sections/" + ApiTestDatabase.SECTION;
            String[] urls = {base + "/sections", sec + "/clusters?scale=expression",
                    sec + "/clusters/1/cells?scale=expression&limit=100"};
            Job job = q.submit("load20k", null, "api");
            long submitted = System.nanoTime();
            while (jobs.job(job.id()).orElseThrow().status() == JobStatus.QUEUED) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            long end = start + MEASURE.toNanos();
            AtomicLong errors = new AtomicLong();
            AtomicLong runningSamples = new AtomicLong();
            AtomicLong samples = new AtomicLong();
            long[][] latencies = new long[CLIENTS][];
            CountDownLatch done = LoadClients.start("ingest-load", CLIENTS, i -> urls[i % urls.length], c -> c, end,
                    Long.MAX_VALUE, latencies, new AtomicLong(), errors);
            while (done.getCount() > 0) {
                samples.incrementAndGet();
                if (jobs.job(job.id()).orElseThrow().status() == JobStatus.RUNNING) {
                    runningSamples.incrementAndGet();
                }
                done.await(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(q.awaitIdle(Duration.ofMinutes(10)));
            Job finished = jobs.job(job.id()).orElseThrow();
            double ingestSeconds = (System.nanoTime() - submitted) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf(Locale.ROOT, "reads during an ingest of %,d cells (job %s %s, %.1f s from submit to end), %d clients on "
                            + "loopback, %d cores seen by the JVM:%n", CELLS, finished.status(), finished.outcome(), ingestSeconds,
                    CLIENTS, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  %,d requests in %.1f s (%.0f req/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d; "
                            + "the ingest was RUNNING for %d%% of the window%n", all.length, seconds, all.length / seconds,
                    pct(all, 0.5), pct(all, 0.99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, errors.get(),
                    100 * runningSamples.get() / Math.max(1, samples.get()));
            System.out.println("  machine load average at the end: " + java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
            assertEquals(JobStatus.DONE, finished.status(), finished.reason());
            assertEquals(0, errors.get());
            assertTrue(all.length > 0);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] / 1e6;
    }
}
