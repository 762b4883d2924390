package org.sigmma.ingest.jobs;

/** What a job does after a section was loaded (embed with a trained run, cluster): an adapter from the command line. */
public interface AfterIngest {

    /** @return a short note for the job record, e.g. what was embedded and clustered */
    String run(String sectionId) throws Exception;
}
