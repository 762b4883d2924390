package org.sigmma.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sigmma.cypher.CypherLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Typed reads and status changes of sections, over any {@link GraphAccess}. */
public final class SectionRepository {

    private static final Logger LOG = LoggerFactory.getLogger(SectionRepository.class);
    private static final int DELETE_BATCH = 20_000;

    private final GraphAccess access;

    public SectionRepository(GraphAccess access) {
        this.access = access;
    }

    public List<SectionInfo> sections() {
        return access.read(CypherLibrary.query(CypherLibrary.SECTIONS), Map.of()).stream()
                .map(SectionRepository::toInfo).toList();
    }

    public Optional<SectionInfo> section(String id) {
        return access.read(CypherLibrary.query(CypherLibrary.SECTION), Map.of("section", id)).stream()
                .map(SectionRepository::toInfo).findFirst();
    }

    /** Sets the status in one write; READY is the last step of an ingest. */
    public void setStatus(String id, SectionStatus status, String reason) {
        java.util.HashMap<String, Object> p = new java.util.HashMap<>();
        p.put("section", id);
        p.put("status", status.name());
        p.put("reason", reason);
        if (access.write(CypherLibrary.query(CypherLibrary.SECTION_STATUS_WRITE), p).isEmpty()) {
            throw new IllegalArgumentException("no section " + id);
        }
    }

    /** Deletes every cell, edge and tile of a section in batches, keeping the Section node. */
    public long deleteContent(String id) {
        long total = 0;
        while (true) {
            long n = Values.asLong(access.write(CypherLibrary.query(CypherLibrary.DELETE_SECTION_BATCH),
                    Map.of("section", id, "batch", DELETE_BATCH)).get(0).get("deleted"));
            total += n;
            if (n < DELETE_BATCH) {
                break;
            }
        }
        access.write(CypherLibrary.query(CypherLibrary.DELETE_SECTION_TILES), Map.of("section", id));
        return total;
    }

    /** Deletes a section entirely (content and node). */
    public void delete(String id) {
        deleteContent(id);
        access.write(CypherLibrary.query(CypherLibrary.DELETE_SECTION), Map.of("section", id));
    }

    /**
     * A process killed during an ingest leaves a LOADING section: remove what it wrote and mark it FAILED, so
     * that no half section is ever visible.
     */
    public int recoverInterruptedLoads() {
        List<Map<String, Object>> loading = access.read(CypherLibrary.query(CypherLibrary.SECTIONS_LOADING), Map.of());
        for (Map<String, Object> row : loading) {
            String id = Values.asString(row.get("id"));
            long removed = deleteContent(id);
            setStatus(id, SectionStatus.FAILED, "interrupted while LOADING (process stopped); " + removed + " cells removed");
            LOG.warn("section {} was left LOADING by an interrupted ingest: removed {} cells, marked FAILED", id, removed);
        }
        return loading.size();
    }

    static SectionInfo toInfo(Map<String, Object> r) {
        return new SectionInfo(Values.asString(r.get("id")), Values.asString(r.get("name")),
                Values.asString(r.get("status")), Values.asString(r.get("tissue")),
                Values.asDouble(r.get("pixelSizeUm")), Values.asDouble(r.get("tileSizePx")),
                Values.asDouble(r.get("widthUm")), Values.asDouble(r.get("heightUm")),
                nullableLong(r.get("nCells")), nullableLong(r.get("nEdges")), nullableLong(r.get("nTiles")),
                r.get("nGenes") == null ? 0 : Values.asInt(r.get("nGenes")),
                Values.asString(r.get("sourceDigest")), Values.asString(r.get("ingestedAt")),
                Values.asString(r.get("reason")));
    }

    private static Long nullableLong(Object o) {
        return o == null ? null : Values.asLong(o);
    }
}
