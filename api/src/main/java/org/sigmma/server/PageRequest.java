package org.sigmma.server;

/** {@code ?offset=&limit=} of a list request, validated. */
public record PageRequest(int offset, int limit) {

    /** The largest offset accepted: deeper pages are a full scan anyway and should use a narrower filter. */
    public static final int MAX_OFFSET = 10_000_000;

    /** The row count to ask the database for: one more than the page, to learn whether more follow. */
    public int fetch() {
        return limit + 1;
    }
}
