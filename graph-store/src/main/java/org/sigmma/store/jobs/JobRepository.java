package org.sigmma.store.jobs;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job queue's (:Job) nodes, over any {@link GraphAccess}; every query comes from the Cypher library. */
public final class JobRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JobRepository.class);

    private final GraphAccess access;

    public JobRepository(GraphAccess access) {
        this.access = access;
    }

    /** Queues a job; the caller serialises creation (the sequence number is read and written in one query). */
    public Job create(String kind, String bundle, String section, String signature, String source) {
        Map<String, Object> p = new HashMap<>();
        p.put("kind", kind);
        p.put("bundle", bundle);
        p.put("section", section);
        p.put("signature", signature);
        p.put("source", source);
        p.put("now", now());
        return Job.of(access.write(CypherLibrary.query(CypherLibrary.JOB_CREATE), p).get(0).get("job"));
    }

    public Job running(String id) {
        return status(id, JobStatus.RUNNING, null, null, null, now(), null);
    }

    public Job done(String id, String outcome, String section, String note) {
        return status(id, JobStatus.DONE, note, outcome, section, null, now());
    }

    public Job failed(String id, String section, String reason) {
        return status(id, JobStatus.FAILED, reason, null, section, null, now());
    }

    private Job status(String id, JobStatus status, String reason, String outcome, String section, String startedAt,
                       String finishedAt) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("status", status.name());
        p.put("reason", reason);
        p.put("outcome", outcome);
        p.put("section", section);
        p.put("startedAt", startedAt);
        p.put("finishedAt", finishedAt);
        List<Map<String, Object>> rows = access.write(CypherLibrary.query(CypherLibrary.JOB_STATUS), p);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no job " + id);
        }
        return Job.of(rows.get(0).get("job"));
    }

    public Optional<Job> job(String id) {
        return access.read(CypherLibrary.query(CypherLibrary.JOB), Map.of("id", id)).stream()
                .map(r -> Job.of(r.get("job"))).findFirst();
    }

    /** Newest first. */
    public List<Job> jobs(int offset, int limit) {
        return access.read(CypherLibrary.query(CypherLibrary.JOBS), Map.of("offset", offset, "limit", limit)).stream()
                .map(r -> Job.of(r.get("job"))).toList();
    }

    /** QUEUED jobs, oldest first. */
    public List<Job> queued() {
        return access.read(CypherLibrary.query(CypherLibrary.JOBS_QUEUED), Map.of()).stream()
                .map(r -> Job.of(r.get("job"))).toList();
    }

    public Optional<Job> latestForBundle(String bundle) {
        return access.read(CypherLibrary.query(CypherLibrary.JOB_LATEST_FOR_BUNDLE), Map.of("bundle", bundle)).stream()
                .map(r -> Job.of(r.get("job"))).findFirst();
    }

    /**
     * Jobs left RUNNING by a killed process become FAILED "interrupted" (not re-queued: a bundle that killed the
     * process once would kill it again; submit it again to retry). QUEUED jobs stay queued and run after restart.
     */
    public int recoverInterrupted() {
        List<Map<String, Object>> rows = access.write(CypherLibrary.query(CypherLibrary.JOBS_INTERRUPTED),
                Map.of("now", now()));
        for (Map<String, Object> r : rows) {
            LOG.warn("job {} (section {}) was left RUNNING by a stopped process: marked FAILED", Values.asString(r.get("id")),
                    Values.asString(r.get("section")));
        }
        return rows.size();
    }

    /** UTC with milliseconds, so that the strings sort as the instants do. */
    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));
    }
}
