package org.sigmma.ingest.simulate;

import java.util.Objects;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * A simulated section in memory: the cells with their truth, the panel, the counts and where the H&amp;E
 * image lies. The image itself is not held: {@link HeRenderer} draws any region of it on demand from the
 * cells and the tissue layout kept here.
 */
public final class SimulatedSection {

    private final SimulationParameters parameters;
    private final double widthUm;
    private final double heightUm;
    private final SimulatedCells cells;
    private final GenePanel panel;
    private final SparseCounts counts;
    private final SparseCounts controlCounts;
    private final ImageGeometry image;
    final DomainMap map;
    final TissueFields fields;
    final Structures structures;
    final CellAppearance appearance;

    SimulatedSection(SimulationParameters parameters, double widthUm, double heightUm, SimulatedCells cells,
                     GenePanel panel, SparseCounts counts, SparseCounts controlCounts, ImageGeometry image,
                     DomainMap map, TissueFields fields, Structures structures, CellAppearance appearance) {
        this.parameters = Objects.requireNonNull(parameters);
        this.widthUm = widthUm;
        this.heightUm = heightUm;
        this.cells = Objects.requireNonNull(cells);
        this.panel = Objects.requireNonNull(panel);
        this.counts = Objects.requireNonNull(counts);
        this.controlCounts = Objects.requireNonNull(controlCounts);
        this.image = Objects.requireNonNull(image);
        this.map = map;
        this.fields = fields;
        this.structures = structures;
        this.appearance = appearance;
    }

    public SimulationParameters parameters() {
        return parameters;
    }

    /** Width of the section (the Xenium frame spans [0, width] x [0, height] um). */
    public double widthUm() {
        return widthUm;
    }

    public double heightUm() {
        return heightUm;
    }

    public SimulatedCells cells() {
        return cells;
    }

    public GenePanel panel() {
        return panel;
    }

    /** Gene-expression counts, cells x panel genes. */
    public SparseCounts counts() {
        return counts;
    }

    /** Control-feature counts, cells x {@link GenePanel#controlIds()}. */
    public SparseCounts controlCounts() {
        return controlCounts;
    }

    public ImageGeometry image() {
        return image;
    }

    /** The domain at a point of the section (the macro truth as a map). */
    public Domain domainAt(double xUm, double yUm) {
        return map.at(xUm, yUm);
    }

    /** Whether a point is tissue rather than glass. */
    public boolean inTissue(double xUm, double yUm) {
        return map.inTissue(xUm, yUm);
    }

    /** Vessels, glands and fat vacuoles: kind (vessel, gland, fat), centre and radius, um. */
    public java.util.List<double[]> holes() {
        return structures.holes.stream().map(h -> new double[] {h.kind(), h.x(), h.y(), h.radius()}).toList();
    }
}
