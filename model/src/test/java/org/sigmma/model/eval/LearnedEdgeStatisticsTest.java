package org.sigmma.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics the learned-edge claims rest on, against cases worked by hand. */
class LearnedEdgeStatisticsTest {

    @Test
    void pairedDifferencesByHand() {
        // differences 0.1, 0.1, -0.1: mean 1/30; sd sqrt((2 (1/15)^2 + (2/15)^2) / 2) = sqrt(3)/15; se = 1/15
        PairedDifferences p = PairedDifferences.of(new double[] {0.5, 0.6, 0.4}, new double[] {0.4, 0.5, 0.5});
        assertEquals(1 / 30.0, p.mean(), 1e-12);
        assertEquals(1 / 15.0, p.standardError(), 1e-12);
        assertEquals(2, p.wins());
        assertEquals(0, p.ties());
        assertEquals(0.5, p.zScore(), 1e-9);
        assertEquals("+0.033 ± 0.067 (2/3)", p.summary());
        PairedDifferences tie = PairedDifferences.of(new double[] {0.2, 0.3}, new double[] {0.2, 0.1});
        assertEquals(1, tie.ties());
        assertEquals(1, tie.wins());
        assertTrue(Double.isNaN(PairedDifferences.of(new double[] {1}, new double[] {0}).standardError()));
        assertThrows(IllegalArgumentException.class, () -> PairedDifferences.of(new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void enrichmentByHand() {
        EdgeEnrichment e = new EdgeEnrichment();
        // tile A: 10 candidates, 4 planted; kept 5 of which 3 planted
        add(e, 3, true, true);
        add(e, 1, true, false);
        add(e, 2, false, true);
        add(e, 4, false, false);
        e.endTile();
        // tile B: 10 candidates, 1 planted (not kept); kept 5, none planted
        add(e, 1, true, false);
        add(e, 5, false, true);
        add(e, 4, false, false);
        EdgeEnrichment.Result r = e.result(1);
        // planted share of kept 3/10 over planted share of candidates 5/20
        assertEquals(1.2, r.enrichment(), 1e-12);
        assertEquals(20, r.candidates());
        assertEquals(0.5, r.keepShare(), 1e-12);
        assertEquals(0.25, r.plantedShare(), 1e-12);
        assertEquals(2, r.tiles());
        assertTrue(r.low() <= r.enrichment() && r.enrichment() <= r.high(), r.toString());
        // resampling two different tiles moves the ratio: the interval is not a point
        assertTrue(r.high() > r.low());
        // identical tiles: every resample gives the same ratio
        EdgeEnrichment.TileCounts t = new EdgeEnrichment.TileCounts(10, 4, 5, 3);
        EdgeEnrichment.Result same = EdgeEnrichment.of(List.of(t, t, t), 200, 3);
        assertEquals(1.5, same.enrichment(), 1e-12);
        assertEquals(1.5, same.low(), 1e-12);
        assertEquals(1.5, same.high(), 1e-12);
        // nothing kept: undefined, not 0
        assertTrue(Double.isNaN(EdgeEnrichment.of(List.of(new EdgeEnrichment.TileCounts(10, 4, 0, 0)), 10, 1)
                .enrichment()));
        // the same seed, the same interval
        EdgeEnrichment.Result again = EdgeEnrichment.of(List.of(new EdgeEnrichment.TileCounts(10, 4, 5, 3),
                new EdgeEnrichment.TileCounts(10, 1, 5, 0)), EdgeEnrichment.RESAMPLES, 1);
        assertEquals(r.low(), again.low());
        assertEquals(r.high(), again.high());
        assertEquals(2.5, EdgeEnrichment.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
    }

    private static void add(EdgeEnrichment e, int times, boolean planted, boolean kept) {
        for (int i = 0; i < times; i++) {
            e.add(planted, kept);
        }
    }

    @Test
    void plantedPairsFollowTheSimulatorsRules() {
        // inflammation: an inflamed cell and an immune cell within 20 um, either way round
        PlantedPairs.Cell inflamed = cell("Fibroblast", "inflamed", "none", 0, 0, 80, 50);
        PlantedPairs.Cell bCell = cell("B cell", "none", "none", 15, 0, 80, 30);
        assertTrue(PlantedPairs.planted(inflamed, bCell));
        assertTrue(PlantedPairs.planted(bCell, inflamed));
        assertFalse(PlantedPairs.planted(inflamed, cell("B cell", "none", "none", 25, 0, 80, 30)), "25 um: beyond 1 sigma");
        assertFalse(PlantedPairs.planted(cell("Fibroblast", "none", "none", 0, 0, 80, 50), bCell),
                "the same pair when the fibroblast's inflammation programme is off");
        assertFalse(PlantedPairs.planted(inflamed, cell("Fibroblast", "none", "none", 5, 0, 80, 50)),
                "a non-immune neighbour does not drive inflammation");
        // perivascular: a perivascular cell and a vessel-lining cell within 24 um
        PlantedPairs.Cell peri = cell("Epithelial", "perivascular", "none", 0, 0, 8, 60);
        assertTrue(PlantedPairs.planted(peri, cell("Endothelial", "none", "none", 0, 20, 0, 60)));
        assertFalse(PlantedPairs.planted(peri, cell("Endothelial", "none", "none", 0, 30, 0, 60)));
        // contact: an exhausted T cell touching a tumour cell (radii 3.09 + 5.64 um + 1 um gap)
        PlantedPairs.Cell exhausted = cell("T cell", "none", PlantedPairs.T_TOUCHING_TUMOUR, 0, 0, 80, 30);
        assertTrue(PlantedPairs.planted(exhausted, cell("Tumour", "none", "none", 9, 0, 80, 100)));
        assertFalse(PlantedPairs.planted(exhausted, cell("Tumour", "none", "none", 11, 0, 80, 100)), "bodies apart");
        assertFalse(PlantedPairs.planted(exhausted, cell("Fibroblast", "none", "none", 5, 0, 80, 50)),
                "exhaustion is driven by tumour, not stroma");
        // tumour at the stromal interface touching a fibroblast (radii 5.64 + 3.99 um + 1 um gap)
        PlantedPairs.Cell interfaceTumour = cell("Tumour", "none", PlantedPairs.TUMOUR_AT_INTERFACE, 0, 0, 80, 100);
        assertTrue(PlantedPairs.planted(interfaceTumour, cell("Fibroblast", "none", "none", 0, 9, 80, 50)));
        assertFalse(PlantedPairs.planted(interfaceTumour, cell("Tumour", "none", "none", 0, 9, 80, 100)));
        // two tumour cells with no programme on: nothing joins them
        assertFalse(PlantedPairs.planted(cell("Tumour", "hypoxic", "none", 0, 0, 80, 100),
                cell("Tumour", "hypoxic", "none", 8, 0, 80, 100)));
    }

    private static PlantedPairs.Cell cell(String type, String niche, String contact, double x, double y,
                                          double vesselDistance, double area) {
        return new PlantedPairs.Cell(type, niche, contact, x, y, vesselDistance, area);
    }
}
