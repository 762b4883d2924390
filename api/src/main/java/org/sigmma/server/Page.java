package org.sigmma.server;

import java.util.List;

/**
 * One page of a list: the items, the offset and limit asked for, and whether more items follow (the query fetched
 * one row beyond the page to know).
 */
public record Page<T>(List<T> items, int offset, int limit, boolean hasMore) {

    /** Cuts a list fetched with {@code limit + 1} rows into the page. */
    public static <T> Page<T> of(List<T> fetched, PageRequest request) {
        boolean more = fetched.size() > request.limit();
        return new Page<>(more ? List.copyOf(fetched.subList(0, request.limit())) : fetched, request.offset(),
                request.limit(), more);
    }

    /** Pages a list already held whole in memory. */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), (long) request.offset());
        int to = (int) Math.min(all.size(), (long) from + request.limit());
        return new Page<>(List.copyOf(all.subList(from, to)), request.offset(), request.limit(), to < all.size());
    }
}
