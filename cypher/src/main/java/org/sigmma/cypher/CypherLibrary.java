package org.sigmma.cypher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's Cypher, kept as plain {@code .cypher} files under {@code /cypher/} on the classpath so that
 * analysts can read, copy and run them in any Neo4j client. Every module takes its queries from here.
 */
public final class CypherLibrary {

    /** Queries by file name (without {@code .cypher}); the names are part of the module contract. */
    public static final String SCHEMA = "schema";
    public static final String SECTIONS = "sections";
    public static final String SECTION = "section";
    public static final String SECTIONS_LOADING = "sections-loading";
    public static final String TILES_BY_SPLIT = "tiles-by-split";
    public static final String TILE_SUBGRAPH = "tile-subgraph";
    public static final String CELLS_IN_BOX = "cells-in-box";
    public static final String SECTION_STATUS = "section-status";
    public static final String DELETE_SECTION_BATCH = "delete-section-batch";
    public static final String DELETE_SECTION_TILES = "delete-section-tiles";
    public static final String TILE_EXPRESSION = "tile-expression";
    /** The job queue of the inbox and of POST /api/jobs. */
    public static final String JOB_CREATE = "job-create";
    public static final String JOB_STATUS = "job-status";
    public static final String JOB = "job";
    public static final String JOBS = "jobs";
    public static final String JOBS_QUEUED = "jobs-queued";
    public static final String JOBS_INTERRUPTED = "jobs-interrupted";
    public static final String JOB_LATEST_FOR_BUNDLE = "job-latest-for-bundle";
    public static final String RUN_LEARNED_EDGES_WRITE = "run-learned-edges-write";

    /** The analyst examples shipped with the platform. */
    public static final List<String> EXAMPLES = List.of(
            "examples-neighbour-types", "examples-degree-distribution", "examples-dense-tiles", "examples-gene-hotspots",
            "examples-learned-type-pairs", "examples-learned-cross-cluster",
            "examples-learned-vs-near-type-pairs");

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private CypherLibrary() {
    }

    /** The text of one query file, comments included. */
    public static String query(String name) {
        return CACHE.computeIfAbsent(name, CypherLibrary::load);
    }

    /**
     * The statements of a multi-statement file (such as the schema), split on ';' at line ends, with
     * comment lines removed.
     */
    public static List<String> statements(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : query(name).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String load(String name) {
        String path = "/cypher/" + name + ".cypher";
        try (InputStream in = CypherLibrary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no Cypher file " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
