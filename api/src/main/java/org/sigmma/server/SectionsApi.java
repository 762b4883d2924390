package org.sigmma.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.SectionInfo;
import org.sigmma.store.SectionRepository;

/** Sections, and the tiles and cells of a section inside a bounding box. */
final class SectionsApi {

    static final List<String> SPLITS = List.of("train", "val", "test");

    private final Reads reads;
    private final ServerConfig config;
    private final SectionRepository sections;

    SectionsApi(Reads reads, ServerConfig config) {
        this.reads = reads;
        this.config = config;
        this.sections = new SectionRepository(reads.access());
    }

    void register(Routes r) {
        r.get("/api/sections", this::list);
        r.get("/api/sections/{id}", this::one);
        r.get("/api/sections/{id}/tiles", this::tiles);
        r.get("/api/sections/{id}/cells", this::cells);
    }

    /** Every section whatever its status (a deployment holds tens, not millions), paged in memory. */
    Object list(Context ctx) {
        PageRequest page = Params.page(ctx, config);
        return Page.slice(sections.sections(), page);
    }

    Object one(Context ctx) {
        String id = Params.path(ctx, "id");
        SectionInfo s = sections.section(id).orElseThrow(() -> ApiException.notFound("no section '" + id + "'"));
        return s;
    }

    Object tiles(Context ctx) {
        String id = Params.path(ctx, "id");
        double[] box = Params.box(ctx);
        String split = Params.choice(ctx, "split", null, SPLITS);
        PageRequest page = Params.page(ctx, config);
        List<Map<String, Object>> rows = reads.query(CypherLibrary.TILES_IN_BOX, "section", id, "xmin", box[0], "ymin", box[1],
                "xmax", box[2], "ymax", box[3], "split", split, "offset", page.offset(), "limit", page.fetch());
        if (rows.isEmpty()) {
            reads.requireReadySection(id); // an empty page, or no such section, or not READY
        }
        return Page.of(Reads.column(rows, "tile"), page);
    }

    Object cells(Context ctx) {
        String id = Params.path(ctx, "id");
        double[] box = Params.box(ctx);
        PageRequest page = Params.page(ctx, config);
        List<Map<String, Object>> rows = reads.query(CypherLibrary.CELLS_IN_BOX_PAGE, "section", id, "xmin", box[0], "ymin", box[1],
                "xmax", box[2], "ymax", box[3], "offset", page.offset(), "limit", page.fetch());
        if (rows.isEmpty()) {
            reads.requireReadySection(id);
        }
        return Page.of(Reads.column(rows, "cell"), page);
    }
}
