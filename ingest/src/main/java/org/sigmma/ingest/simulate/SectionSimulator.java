package org.sigmma.ingest.simulate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoubleConsumer;
import org.sigmma.ingest.expression.SparseCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates a section: sizes it for the requested number of cells, lays out domains and structures,
 * places and types the cells, works out their niches and contacts, draws their counts, and fixes where the
 * H&amp;E image lies. The result is deterministic for the parameters (the seed included), whatever the
 * number of threads.
 */
public final class SectionSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(SectionSimulator.class);
    /** Xenium fields of view are about this wide; cells are written field by field, as Xenium orders them. */
    private static final double FOV_UM = 500;

    private SectionSimulator() {
    }

    public static SimulatedSection simulate(SimulationParameters p) {
        return simulate(p, f -> { });
    }

    public static SimulatedSection simulate(SimulationParameters p, DoubleConsumer progress) {
        long t0 = System.nanoTime();
        int n = p.cells();
        // size the section so that the domains' densities over its tissue add up to the cells asked for
        double meanDensity = 0.0075 * p.density();
        double height = Math.sqrt(n / (meanDensity * p.aspectRatio()));
        double width = height * p.aspectRatio();
        DomainMap map = null;
        Structures structures = null;
        for (int iter = 0; iter < 8; iter++) {
            map = new DomainMap(width, height, p.domainScaleUm(), p.seed(), DomainMap.SIZING_RESOLUTION_UM);
            structures = Structures.place(map, p.seed());
            double expected = CellPlacer.ringCellCount(structures, map, p.seed());
            double[] area = map.tissueArea();
            double[] excluded = structures.excludedArea();
            for (Domain d : Domain.ALL) {
                expected += Math.max(0, area[d.ordinal()] - excluded[d.ordinal()]) * d.density / 100 * p.density();
            }
            double s = Math.sqrt(n / Math.max(1, expected));
            if (Math.abs(s - 1) < 0.02) {
                break;
            }
            width *= s;
            height *= s;
        }
        map = new DomainMap(width, height, p.domainScaleUm(), p.seed());
        structures = Structures.place(map, p.seed());
        progress.accept(0.1);
        LOG.debug("layout {} x {} um in {} ms", Math.round(width), Math.round(height), (System.nanoTime() - t0) / 1_000_000);
        TissueFields fields = new TissueFields(p.seed());
        CellPlacer.Placement placed = new CellPlacer(map, fields, structures, p.seed()).place(n);
        progress.accept(0.3);
        LOG.debug("placed {} cells at {} ms", n, (System.nanoTime() - t0) / 1_000_000);

        // Xenium writes cells field of view by field of view
        Integer[] order = new Integer[placed.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int fovCols = (int) Math.ceil(width / FOV_UM);
        double[] px = placed.x();
        double[] py = placed.y();
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> (int) (py[i] / FOV_UM) * fovCols + (int) (px[i] / FOV_UM))
                .thenComparingDouble(i -> py[i]).thenComparingDouble(i -> px[i]));
        double[] x = new double[n];
        double[] y = new double[n];
        CellType[] type = new CellType[n];
        Domain[] domain = new Domain[n];
        double[] orientation = new double[n];
        String[] ids = new String[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            // Xenium writes centroids as 32-bit floats
            x[k] = (float) px[i];
            y[k] = (float) py[i];
            type[k] = placed.type()[i];
            domain[k] = placed.domain()[i];
            orientation[k] = placed.orientation()[i];
            ids[k] = SimulatedCells.cellId(k);
        }
        Neighbourhoods nb = new Neighbourhoods(x, y, type, domain, map, structures);
        progress.accept(0.4);
        LOG.debug("neighbourhoods at {} ms", (System.nanoTime() - t0) / 1_000_000);
        CellAppearance look = CellAppearance.of(p, type, orientation, nb.contact, nb.hypoxia);
        double[] infiltration = new double[n];
        double[] mixing = new double[n];
        double[] nucleusArea = new double[n];
        double[] cellArea = new double[n];
        for (int c = 0; c < n; c++) {
            infiltration[c] = fields.infiltration(x[c], y[c]);
            mixing[c] = fields.mixing(x[c], y[c]);
            nucleusArea[c] = look.nucleusArea(c);
            // the cell reaches its cytoplasm radius unless neighbours crowd it
            double reach = Math.min(look.cytoplasmRadius[c], Math.max(0.55 * nb.nearest[c], look.nucleusA[c] + 0.5));
            cellArea[c] = Math.max(nucleusArea[c] * 1.1, Math.PI * reach * reach);
        }

        LOG.debug("appearance at {} ms", (System.nanoTime() - t0) / 1_000_000);
        GenePanel panel = GenePanel.of(p.genes(), p.seed());
        double[] library = ExpressionSampler.librarySizes(p, type);
        double[] sortedLib = library.clone();
        Arrays.sort(sortedLib);
        ExpressionSampler sampler = new ExpressionSampler(panel, p, p.medianLibrarySize());
        double[][] scores = {nb.immuneShare, nb.perivascular, nb.hypoxia};
        SparseCounts[] counts = sampler.sample(type, domain, nb.contact, scores, library, f -> progress.accept(0.4 + 0.55 * f));

        SimulatedCells cells = new SimulatedCells(ids, x, y, type, domain, nb.niche, nb.contact, nb.contacts,
                nb.immuneShare, nb.perivascular, nb.hypoxia, nb.vesselDistance, nb.tumourDistance, infiltration, mixing,
                nucleusArea, cellArea);
        ImageGeometry image = ImageGeometry.of(p, width, height);
        progress.accept(1.0);
        LOG.info("simulated {} cells x {} genes on {} x {} um in {} ms ({} non-zeros)", n, p.genes(),
                Math.round(width), Math.round(height), (System.nanoTime() - t0) / 1_000_000, counts[0].nonZeros());
        return new SimulatedSection(p, width, height, cells, panel, counts[0], counts[1], image, map, fields, structures, look);
    }
}
