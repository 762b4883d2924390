package org.sigmma.ingest.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.jobs.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue: jobs live in the graph as (:Job) nodes and run one at a time on one worker thread, which also looks
 * at the inbox on schedule and queues each complete bundle once per signature. Queued jobs survive a restart; a job
 * RUNNING when the process died is FAILED "interrupted" when the store opens (see JobRepository).
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    public static final String INGEST = "ingest";

    private final JobRepository jobs;
    private final JobRunner runner;
    private final Inbox inbox;
    private final Duration poll;
    private final Object wake = new Object();
    private final Thread worker;
    private volatile boolean stopping;
    private volatile String current;

    /**
     * @param inbox the watched folder, or null for a queue fed only by {@link #submit}
     */
    public JobQueue(JobRepository jobs, JobRunner runner, Inbox inbox, Duration poll) {
        this.jobs = jobs;
        this.runner = runner;
        this.inbox = inbox;
        this.poll = poll;
        this.worker = new Thread(this::work, "sigmma-jobs");
        this.worker.setDaemon(true);
    }

    public JobQueue start() {
        worker.start();
        return this;
    }

    public Inbox inbox() {
        return inbox;
    }

    public JobRepository repository() {
        return jobs;
    }

    /** The id of the job running now, or null. */
    public String current() {
        return current;
    }

    /**
     * Queues an ingest of a bundle folder inside the inbox.
     *
     * @param requested the folder as the client named it (relative to the inbox, or absolute inside it)
     * @param name      the section name, or null for the folder's name
     * @throws InboxPathException when the path is not a folder inside the inbox
     */
    public Job submit(String requested, String name, String source) {
        if (inbox == null) {
            throw new IllegalStateException("no inbox: start the server with --inbox DIR to accept ingest jobs");
        }
        Path bundle = inbox.confine(requested);
        String section = IngestParameters.slug(name != null && !name.isBlank() ? name : bundle.getFileName().toString());
        return queue(bundle, section, Inbox.signature(bundle), source);
    }

    private Job queue(Path bundle, String section, String signature, String source) {
        Job job;
        synchronized (this) { // the sequence number is read and written in one query: one creator at a time
            job = jobs.create(INGEST, bundle.toString(), section, signature, source);
        }
        LOG.info("{} queued: ingest {} as section {} ({})", job.id(), bundle, section, source);
        synchronized (wake) {
            wake.notifyAll();
        }
        return job;
    }

    /** Queues the complete bundles of the inbox not queued before with the signature they have now. */
    List<Job> lookAtInbox() {
        if (inbox == null) {
            return List.of();
        }
        List<Job> queued = new java.util.ArrayList<>();
        for (Inbox.Ready r : inbox.look()) {
            Optional<Job> last = jobs.latestForBundle(r.bundle().toString());
            if (last.isPresent() && r.signature().equals(last.get().signature())) {
                continue; // this bundle, as it is now, had its job
            }
            String section = IngestParameters.slug(r.bundle().getFileName().toString());
            queued.add(queue(r.bundle(), section, r.signature(), "inbox"));
        }
        return queued;
    }

    private void work() {
        long nextLook = 0;
        while (!stopping) {
            try {
                if (System.nanoTime() - nextLook >= 0) {
                    lookAtInbox();
                    nextLook = System.nanoTime() + poll.toNanos();
                }
                List<Job> queued = jobs.queued();
                if (!queued.isEmpty()) {
                    runOne(queued.get(0));
                    continue;
                }
                synchronized (wake) {
                    long waitMs = Math.max(1, (nextLook - System.nanoTime()) / 1_000_000);
                    wake.wait(waitMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                // the store may be closing or briefly unavailable: log, wait a poll, go on
                LOG.error("job queue: {}", e.toString(), e);
                sleep(poll);
            }
        }
    }

    private void runOne(Job job) {
        current = job.id();
        try {
            jobs.running(job.id());
            LOG.info("{} running: ingest {} as section {}", job.id(), job.bundle(), job.section());
            JobRunner.Result r = runner.run(job);
            jobs.done(job.id(), r.outcome(), r.section(), r.note());
            LOG.info("{} done: section {} {}{}", job.id(), r.section(), r.outcome(), r.note() == null ? "" : "; " + r.note());
        } catch (Exception | Error e) {
            if (stopping) {
                return; // the store is closing: the job stays RUNNING and the next start marks it interrupted
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jobs.failed(job.id(), job.section(), reason);
            LOG.warn("{} failed: {}", job.id(), reason);
            if (e instanceof VirtualMachineError v) {
                throw v;
            }
        } finally {
            current = null;
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the worker; a job running now is left to finish or, if the process ends first, to the startup sweep. */
    @Override
    public void close() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until no job is queued or running (tests, and a command that submits and waits). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (current == null && jobs.queued().isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
