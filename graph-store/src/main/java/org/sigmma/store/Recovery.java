package org.sigmma.store;

import java.nio.file.Path;
import java.util.List;
import org.sigmma.store.jobs.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stopped process left behind, swept in one place when a store opens (README, "Crash behaviour"): half-loaded
 * sections and a replace's unfinished or retired versions ({@link SectionRepository#recoverInterrupted}), RUNNING
 * jobs ({@link JobRepository#recoverInterrupted}), RUNNING training runs and half write-backs
 * ({@link RunRepository#recoverInterrupted}). Each step is idempotent, so a sweep that is itself stopped is run again.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /**
     * @param sections sections found LOADING or RETIRED
     * @param jobs jobs found RUNNING
     * @param runs runs found RUNNING or writing back
     */
    public record Report(int sections, int jobs, List<String> runs) {

        public boolean clean() {
            return sections == 0 && jobs == 0 && runs.isEmpty();
        }
    }

    private Recovery() {
    }

    /**
     * Sweeps the store.
     *
     * @param dataDir the data folder whose {@code tiles/} holds tile images, or null where the client holds none
     */
    public static Report sweep(GraphAccess access, Path dataDir) {
        Report r = new Report(new SectionRepository(access).recoverInterrupted(dataDir),
                new JobRepository(access).recoverInterrupted(), new RunRepository(access).recoverInterrupted());
        if (!r.clean()) {
            LOG.warn("recovered what a stopped process left: {} sections, {} jobs, runs {}", r.sections(), r.jobs(), r.runs());
        }
        return r;
    }

    /**
     * The sweep of a client connecting to a Neo4j server, which other clients may be writing to at the same moment: only
     * LOADING sections whose ingest has not sent a heartbeat for {@code lease} (its process is gone) and the versions
     * replaces retired. RUNNING runs and jobs are left as they are: on a shared server they may be another client's
     * live work, and nothing yet tells a dead one apart.
     */
    public static Report sweepServer(GraphAccess access, Path dataDir, java.time.Duration lease) {
        Report r = new Report(new SectionRepository(access).recoverInterrupted(dataDir,
                System.currentTimeMillis() - lease.toMillis()), 0, List.of());
        if (!r.clean()) {
            LOG.warn("recovered what a stopped client left on {}: {} sections", access.describe(), r.sections());
        }
        return r;
    }
}
