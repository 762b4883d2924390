package org.sigmma.ingest.load;

/** An ingest that failed after validation; the section is left FAILED with this message as its reason. */
public final class IngestException extends RuntimeException {
    private final String sectionId;

    public IngestException(String sectionId, String message, Throwable cause) {
        super(message, cause);
        this.sectionId = sectionId;
    }

    public String sectionId() {
        return sectionId;
    }
}
