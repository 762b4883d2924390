package org.sigmma.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered JSON responses of GET routes, each tagged with the database's last committed transaction id when it was
 * computed: an entry serves only while that id is still the last one, so any write (an ingest, a clustering, a
 * write-back) retires every entry at once and nothing stale is ever served. Least recently used entries go first,
 * within a count and a byte budget.
 */
final class ResponseCache {

    /** A rendered body and the transaction id it was computed at. */
    record Entry(long generation, byte[] body) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final int maxEntryBytes;
    private long bytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    ResponseCache(int maxEntries, long maxBytes, int maxEntryBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    boolean enabled() {
        return maxEntries > 0;
    }

    /** The body cached for the key at this generation, or null. */
    synchronized byte[] get(String key, long generation) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (e.generation() != generation) {
            remove(key);
            return null;
        }
        return e.body();
    }

    synchronized void put(String key, long generation, byte[] body) {
        if (!enabled() || body.length > maxEntryBytes) {
            return;
        }
        remove(key);
        entries.put(key, new Entry(generation, body));
        bytes += body.length;
        var it = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            bytes -= eldest.getValue().body().length;
            it.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.body().length;
        }
    }
}
