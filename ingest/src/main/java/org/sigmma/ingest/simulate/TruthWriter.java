package org.sigmma.ingest.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes what the simulation planted, under {@code truth/}: per cell ({@code cells.csv.gz}: type, domain,
 * niche, contact state and the continuous scores behind them), per gene ({@code genes.csv}: programme and
 * effect), a JSON summary (parameters, section and image geometry, counts by type, domain, niche and contact
 * state), and a domain map of the section.
 */
final class TruthWriter {

    static final String CELLS_HEADER = "cell_id,x_centroid,y_centroid,cell_type,domain,niche,contact_state,contact_count,"
            + "immune_share,perivascular,hypoxia,vessel_distance,tumour_distance,infiltration,mixing,nucleus_area,cell_area";

    /** Colours of the domain map, in {@link Domain} order. */
    static final int[] DOMAIN_COLOURS = {0xC0392B, 0xE8A0BF, 0x2E4A9E, 0xE67E22, 0x27AE60, 0xF4E3A1};

    private TruthWriter() {
    }

    static void writeCells(SimulatedSection s, Path file) throws IOException {
        SimulatedCells c = s.cells();
        try (TextOut out = TextOut.gzip(file, 6)) {
            out.text(CELLS_HEADER).ch('\n');
            for (int i = 0; i < c.size(); i++) {
                out.text(c.ids()[i]).ch(',').num(c.x()[i]).ch(',').num(c.y()[i]).ch(',')
                        .text(csv(c.types()[i].label())).ch(',').text(csv(c.domains()[i].label())).ch(',')
                        .text(csv(c.niches()[i].label())).ch(',').text(csv(c.contacts()[i].label())).ch(',')
                        .num(c.contactCounts()[i]).ch(',')
                        .fixed(c.immuneShare()[i], 5).ch(',').fixed(c.perivascular()[i], 5).ch(',')
                        .fixed(c.hypoxia()[i], 5).ch(',').fixed(c.vesselDistance()[i], 3).ch(',')
                        .fixed(c.tumourDistance()[i], 3).ch(',').fixed(c.infiltration()[i], 5).ch(',')
                        .fixed(c.mixing()[i], 5).ch(',').fixed(c.nucleusArea()[i], 4).ch(',')
                        .fixed(c.cellArea()[i], 4).ch('\n');
            }
        }
    }

    static void writeGenes(SimulatedSection s, Path file) throws IOException {
        GenePanel p = s.panel();
        try (TextOut out = TextOut.plain(file)) {
            out.text("gene_id,gene_name,programme_kind,programme,effect_log,base_log_expression\n");
            for (int g = 0; g < p.size(); g++) {
                GenePanel.Programme pr = p.programme(g);
                out.text(p.id(g)).ch(',').text(csv(p.name(g))).ch(',')
                        .text(pr.kind().name().toLowerCase(Locale.ROOT)).ch(',').text(csv(pr.name())).ch(',')
                        .fixed(p.programmeEffect(g), 4).ch(',').fixed(p.baseLogExpression(g), 4).ch('\n');
            }
        }
    }

    static void writeSummary(SimulatedSection s, Path file, ObjectNode files) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("simulator", "SIGMMA section simulator");
        root.set("parameters", json.valueToTree(s.parameters()));
        ObjectNode section = root.putObject("section");
        section.put("width_um", s.widthUm());
        section.put("height_um", s.heightUm());
        section.put("cells", s.cells().size());
        section.put("genes", s.panel().size());
        section.put("control_features", s.panel().controlCount());
        section.put("non_zero_counts", s.counts().nonZeros());
        long[] lib = new long[s.cells().size()];
        for (int c = 0; c < lib.length; c++) {
            lib[c] = s.counts().librarySize(c);
        }
        java.util.Arrays.sort(lib);
        section.put("median_transcripts_per_cell", lib.length == 0 ? 0 : lib[lib.length / 2]);
        ObjectNode image = root.putObject("he_image");
        image.put("width_px", s.image().width());
        image.put("height_px", s.image().height());
        image.put("um_per_px", s.parameters().heUmPerPx());
        image.set("image_to_microns", matrix(json, s.image().imageToMicrons().matrix()));
        image.set("alignment_image_to_xenium_px", matrix(json, s.image().alignment().matrix()));
        ObjectNode counts = root.putObject("counts");
        SimulatedCells c = s.cells();
        counts.set("cell_type", tally(json, c.types(), CellType.ALL));
        counts.set("domain", tally(json, c.domains(), Domain.ALL));
        counts.set("niche", tally(json, c.niches(), Niche.values()));
        counts.set("contact_state", tally(json, c.contacts(), ContactState.values()));
        ObjectNode scales = root.putObject("scales");
        scales.put("macro", "domains (truth/cells.csv.gz: domain): density, cell-type mix, matrix tone and fibres, domain programme genes");
        scales.put("meso", "niches (niche, immune_share, perivascular, hypoxia): inflammation genes follow the immune share "
                + "of the neighbourhood; perivascular and hypoxia programmes follow the distance to vessels");
        scales.put("micro", "cell types (cell_type): nucleus and cytoplasm appearance, marker genes");
        scales.put("arrangement", "contact states (contact_state): T cells touching tumour cells (exhaustion programme, "
                + "smaller darker nuclei), tumour cells touching stroma (interface programme, eosinophilic cytoplasm); "
                + "the mixing field decides whether T cells scatter among tumour cells or gather in clumps");
        ObjectNode programmes = root.putObject("programmes");
        for (GenePanel.Kind k : GenePanel.Kind.values()) {
            ArrayNode names = programmes.putArray(k.name().toLowerCase(Locale.ROOT));
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            for (int g = 0; g < s.panel().size(); g++) {
                if (s.panel().programme(g).kind() == k) {
                    seen.add(s.panel().programme(g).name());
                }
            }
            seen.forEach(names::add);
        }
        root.set("files", files);
        json.writeValue(file.toFile(), root);
    }

    private static ArrayNode matrix(ObjectMapper json, double[][] m) {
        ArrayNode a = json.createArrayNode();
        for (double[] row : m) {
            ArrayNode r = a.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return a;
    }

    private static <E extends Enum<E>> ObjectNode tally(ObjectMapper json, E[] values, E[] all) {
        int[] n = new int[all.length];
        for (E v : values) {
            n[v.ordinal()]++;
        }
        ObjectNode o = json.createObjectNode();
        for (E e : all) {
            o.put(label(e), n[e.ordinal()]);
        }
        return o;
    }

    private static String label(Enum<?> e) {
        if (e instanceof CellType t) {
            return t.label();
        }
        if (e instanceof Domain d) {
            return d.label();
        }
        if (e instanceof Niche n) {
            return n.label();
        }
        if (e instanceof ContactState c) {
            return c.label();
        }
        return e.name();
    }

    /** The domain map in the Xenium frame, one pixel per {@code umPerPixel}; glass white. */
    static BufferedImage domainMap(SimulatedSection s, double umPerPixel) {
        int w = (int) Math.ceil(s.widthUm() / umPerPixel);
        int h = (int) Math.ceil(s.heightUm() / umPerPixel);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double x = (i + 0.5) * umPerPixel;
                double y = (j + 0.5) * umPerPixel;
                img.setRGB(i, j, s.inTissue(x, y) ? DOMAIN_COLOURS[s.domainAt(x, y).ordinal()] : 0xFFFFFF);
            }
        }
        return img;
    }

    static void writePng(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException(file + ": no PNG writer");
        }
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
