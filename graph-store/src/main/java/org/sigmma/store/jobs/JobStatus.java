package org.sigmma.store.jobs;

/** Life of a job: QUEUED until the worker takes it, RUNNING, then DONE or FAILED (with a reason). */
public enum JobStatus { QUEUED, RUNNING, DONE, FAILED }
