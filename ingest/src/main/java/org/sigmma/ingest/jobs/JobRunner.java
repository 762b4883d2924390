package org.sigmma.ingest.jobs;

import org.sigmma.store.jobs.Job;

/** Runs one job on the queue's worker thread; an exception fails the job with its message as the reason. */
public interface JobRunner {

    /** What a job did: LOADED, REPLACED or UNCHANGED; the section; a note (what ran after the ingest), or null. */
    record Result(String outcome, String section, String note) {
    }

    Result run(Job job) throws Exception;
}
