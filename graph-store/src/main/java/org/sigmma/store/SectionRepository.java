package org.sigmma.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sigmma.cypher.CypherLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Typed reads and status changes of sections, over any {@link GraphAccess}. */
public final class SectionRepository {

    private static final Logger LOG = LoggerFactory.getLogger(SectionRepository.class);
    private static final int DELETE_BATCH = 20_000;
    /** Infixes of a replace's staged and retired versions' ids; user section ids (slugs) never hold a '~'. */
    private static final String STAGED = "~next-";
    private static final String RETIRED = "~retired-";

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
        HashMap<String, Object> p = new HashMap<>();
        p.put("section", id);
        p.put("status", status.name());
        p.put("reason", reason);
        if (access.write(CypherLibrary.query(CypherLibrary.SECTION_STATUS_WRITE), p).isEmpty()) {
            throw new IllegalArgumentException("no section " + id);
        }
    }

    /** Marks the LOADING section {@code id} as still being written (see {@link #recoverInterrupted(Path, long)}). */
    public void heartbeat(String id) {
        access.write(CypherLibrary.query(CypherLibrary.SECTION_HEARTBEAT),
                Map.of("section", id, "now", System.currentTimeMillis()));
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

    /** Deletes a section entirely (content, clusters and node). */
    public void delete(String id) {
        deleteContent(id);
        access.write(CypherLibrary.query(CypherLibrary.DELETE_SECTION_CLUSTERS), Map.of("section", id));
        access.write(CypherLibrary.query(CypherLibrary.DELETE_SECTION), Map.of("section", id));
    }

    /** The id a replace stages its new version of a section under: LOADING, unlisted, beside the READY one. */
    public static String stagingId(String id) {
        return id + STAGED + System.currentTimeMillis();
    }

    /** The id a replace gives the version it retires. */
    public static String retiredId(String id) {
        return id + RETIRED + System.currentTimeMillis();
    }

    /** Whether an id is a replace's staged or retired version (never a user's section: slugs have no '~'). */
    public static boolean internal(String id) {
        return id.contains("~");
    }

    /** Where an ingest puts the tile images of the section (or staged version) {@code id}, relative to the data folder. */
    public static String imageFolder(String id) {
        return "tiles/" + id;
    }

    /** The folder of a section's tile images, relative to the data folder ("tiles/x"), or null when it has none. */
    public String imageDir(String id) {
        return access.read(CypherLibrary.query(CypherLibrary.SECTION_IMAGE_DIR), Map.of("section", id)).stream()
                .map(r -> Values.asString(r.get("imageRef")))
                .map(ref -> ref.substring(0, Math.max(0, ref.lastIndexOf('/'))))
                .findFirst().orElse(null);
    }

    /**
     * The atomic step of a replace, in one transaction: the READY section {@code id} becomes RETIRED as
     * {@code retired} (with its cells, tiles and clusters), and the fully written LOADING {@code staging} version
     * becomes {@code id}, READY. Throws when either is not in that state (nothing changes then).
     */
    public void swap(String id, String staging, String retired) {
        HashMap<String, Object> p = new HashMap<>();
        p.put("section", id);
        p.put("staging", staging);
        p.put("retired", retired);
        p.put("retiredImages", imageDir(id));
        p.put("now", OffsetDateTime.now().toString());
        if (access.write(CypherLibrary.query(CypherLibrary.SECTION_SWAP), p).isEmpty()) {
            throw new IllegalStateException("cannot swap in the new version of section " + id + ": section " + id
                    + " is not READY or its staged version " + staging + " is not LOADING");
        }
    }

    /**
     * Removes a retired or staged version entirely: its tile images (under {@code dataDir}, when given), then its
     * cells, tiles, clusters and node. Idempotent, so a sweep a stopped process left half done is simply run again.
     */
    public void sweep(String id, String imageDir, Path dataDir) {
        if (!internal(id)) {
            throw new IllegalArgumentException("only a replace's staged or retired versions are swept, not " + id);
        }
        if (dataDir != null && imageDir != null) {
            Path tiles = dataDir.resolve("tiles").normalize();
            Path images = dataDir.resolve(imageDir).normalize();
            if (images.startsWith(tiles) && !images.equals(tiles)) {
                deleteTree(images);
            }
        }
        delete(id);
    }

    /** Sweeps every retired version of section {@code id}; returns how many there were. */
    public int sweepRetired(String id, Path dataDir) {
        int n = 0;
        for (Map<String, Object> row : access.read(CypherLibrary.query(CypherLibrary.SECTIONS_RETIRED), Map.of())) {
            String retired = Values.asString(row.get("id"));
            if (retired.startsWith(id + RETIRED)) {
                sweep(retired, Values.asString(row.get("imageDir")), dataDir);
                n++;
            }
        }
        return n;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #recoverInterrupted(Path)} without image folders to sweep. */
    public int recoverInterrupted() {
        return recoverInterrupted(null);
    }

    /** {@link #recoverInterrupted(Path, long)} where this process is the only writer (the embedded store). */
    public int recoverInterrupted(Path dataDir) {
        return recoverInterrupted(dataDir, Long.MAX_VALUE);
    }

    /**
     * What a process killed during an ingest left. A LOADING section: remove what it wrote and mark it FAILED, so
     * that no half section is ever visible. A replace's staged version (LOADING, the old section still READY) or the
     * version a replace retired: removed whole, images included. Tile images cut into {@code tiles/.staging-*} by an
     * ingest that never wrote them: removed.
     *
     * @param dataDir     the data folder whose {@code tiles/} holds the images, or null
     * @param staleBefore only LOADING sections whose ingest's last heartbeat (epoch ms) is older are swept: on a server
     *                    other clients may be loading the rest
     * @return the sections found LOADING or RETIRED
     */
    public int recoverInterrupted(Path dataDir, long staleBefore) {
        List<Map<String, Object>> retired = access.read(CypherLibrary.query(CypherLibrary.SECTIONS_RETIRED), Map.of());
        for (Map<String, Object> row : retired) {
            String id = Values.asString(row.get("id"));
            sweep(id, Values.asString(row.get("imageDir")), dataDir);
            LOG.warn("removed {}, the previous version of a replaced section (a stopped process left it)", id);
        }
        if (dataDir != null && Files.isDirectory(dataDir.resolve("tiles"))) {
            try (Stream<Path> dirs = Files.list(dataDir.resolve("tiles"))) {
                dirs.filter(d -> d.getFileName().toString().startsWith(".staging-")).forEach(SectionRepository::deleteTree);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Map<String, Object>> loading = access.read(CypherLibrary.query(CypherLibrary.SECTIONS_LOADING),
                Map.of("staleBefore", staleBefore));
        for (Map<String, Object> row : loading) {
            String id = Values.asString(row.get("id"));
            if (internal(id)) {
                sweep(id, imageFolder(id), dataDir);
                LOG.warn("removed {}, a replace's new version that a stopped process left unfinished (the section it "
                        + "was to replace is unchanged)", id);
                continue;
            }
            long removed = deleteContent(id);
            setStatus(id, SectionStatus.FAILED, "interrupted while LOADING (process stopped); " + removed + " cells removed");
            LOG.warn("section {} was left LOADING by an interrupted ingest: removed {} cells, marked FAILED", id, removed);
        }
        return loading.size() + retired.size();
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
