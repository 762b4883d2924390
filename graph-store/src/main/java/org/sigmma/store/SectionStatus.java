package org.sigmma.store;

/** Life of a section in the graph: only READY sections are visible to training and queries. */
public enum SectionStatus { LOADING, READY, FAILED }
