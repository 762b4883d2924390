package org.sigmma.ingest.jobs;

/** A bundle path that is not a folder inside the inbox (traversal, an absolute path elsewhere, a link out). */
public final class InboxPathException extends IllegalArgumentException {

    public InboxPathException(String message) {
        super(message);
    }
}
