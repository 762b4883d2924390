package org.sigmma.server;

import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.model.microenv.MicroenvironmentAnalysis;
import org.sigmma.model.microenv.SectionMapRenderer;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.Values;

/**
 * The section map coloured by microenvironment, as {@code sigmma map} draws it: the PNG, and its layout (where the
 * section lies on the image, each cluster's colour) so that a viewer can draw the tile grid over it.
 */
final class MapApi {

    static final int DEFAULT_WIDTH = 1200;
    static final int MIN_WIDTH = 200;
    static final int MAX_WIDTH = 4000;

    private final Reads reads;
    private final MicroenvironmentAnalysis analysis;

    MapApi(Reads reads) {
        this.reads = reads;
        this.analysis = new MicroenvironmentAnalysis(reads.access());
    }

    void register(Routes r) {
        r.getPng("/api/sections/{id}/map.png", this::png);
        r.get("/api/sections/{id}/map", this::layout);
    }

    /** The cells of a READY section with their cluster at a scale, and the scale's legend; 404 when it has none. */
    private record SectionMap(String section, FeatureSource scale, int width, MicroenvironmentAnalysis.ClusterMap cells,
                              List<String> legend) {
        SectionMapRenderer.Layout layout() {
            return SectionMapRenderer.layout(cells.x(), cells.y(), width, legend.size());
        }
    }

    private SectionMap read(Context ctx) {
        String id = Params.path(ctx, "id");
        FeatureSource scale = FeatureSource.parse(Params.choice(ctx, "scale", "expression", FeatureSource.ids()));
        int width = Params.integer(ctx, "width", DEFAULT_WIDTH, MIN_WIDTH, MAX_WIDTH);
        reads.requireReadySection(id);
        List<String> legend = analysis.legend(id, scale);
        MicroenvironmentAnalysis.ClusterMap cells = analysis.map(id, scale);
        boolean anyClustered = java.util.Arrays.stream(cells.cluster()).anyMatch(k -> k >= 0);
        if (legend.isEmpty() || !anyClustered) {
            throw ApiException.notFound("section '" + id + "' has no microenvironments at scale " + scale.id()
                    + " (sigmma clusters --section " + id + " --scale " + scale.id() + ")");
        }
        return new SectionMap(id, scale, width, cells, legend);
    }

    byte[] png(Context ctx) throws IOException {
        SectionMap m = read(ctx);
        BufferedImage img = SectionMapRenderer.render(m.cells().x(), m.cells().y(), m.cells().cluster(), m.width(),
                m.section() + ": microenvironments (" + m.scale().id() + ")", m.legend());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 << 10);
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    Object layout(Context ctx) {
        SectionMap m = read(ctx);
        SectionMapRenderer.Layout l = m.layout();
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (Map<String, Object> k : reads.query(CypherLibrary.CLUSTERS, "section", m.section(), "scale", m.scale().id(),
                "run", null, "offset", 0, "limit", m.legend().size())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> stored = (Map<String, Object>) k.get("cluster");
            int id = Values.asInt(stored.get("id"));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", id);
            c.put("size", stored.get("size"));
            c.put("colour", String.format("#%06x", SectionMapRenderer.colour(id).getRGB() & 0xFFFFFF));
            clusters.add(c);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("section", m.section());
        out.put("scale", m.scale().id());
        out.put("width", l.width());
        out.put("height", l.height());
        out.put("minX", l.minX());
        out.put("minY", l.minY());
        out.put("pxPerUm", l.pxPerUm());
        out.put("left", l.left());
        out.put("top", l.top());
        out.put("unclusteredColour", String.format("#%06x", SectionMapRenderer.colour(-1).getRGB() & 0xFFFFFF));
        out.put("clusters", clusters);
        return out;
    }
}
