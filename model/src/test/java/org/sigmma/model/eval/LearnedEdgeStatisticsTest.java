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
        PlantedPairs.Cell tumour = new PlantedPairs.Cell("Tumour", 0, 0, 80, 100);      // radius 5.64 um
        PlantedPairs.Cell tCell = new PlantedPairs.Cell("T cell", 11, 0, 80, 30);       // radius 3.09 um
        PlantedPairs.Cell farTumour = new PlantedPairs.Cell("Tumour", 60, 0, 80, 100);
        PlantedPairs.Cell fibroblast = new PlantedPairs.Cell("Fibroblast", 0, 9, 80, 50); // radius 3.99 um
        PlantedPairs.Cell epithelial = new PlantedPairs.Cell("Epithelial", 0, 30, 10, 60);
        PlantedPairs.Cell endothelial = new PlantedPairs.Cell("Endothelial", 0, 45, 0, 60);
        // an immune cell within 40 um drives the inflammation programme of any cell, either way round
        assertTrue(PlantedPairs.planted(tumour, tCell));
        assertTrue(PlantedPairs.planted(tCell, tumour));
        assertTrue(PlantedPairs.planted(tCell, fibroblast));
        assertFalse(PlantedPairs.planted(tCell, new PlantedPairs.Cell("Tumour", 60, 0, 80, 100)),
                "49 um apart: beyond the inflammation reach");
        // tumour touching stroma: 9 um apart, radii 5.64 + 3.99 + 1 um gap
        assertTrue(PlantedPairs.planted(tumour, fibroblast));
        assertFalse(PlantedPairs.planted(new PlantedPairs.Cell("Tumour", 0, -2, 80, 100), fibroblast),
                "11 um apart: the bodies do not touch");
        // two tumour cells: no rule joins them
        assertFalse(PlantedPairs.planted(tumour, farTumour));
        assertFalse(PlantedPairs.planted(tumour, new PlantedPairs.Cell("Tumour", 5, 0, 80, 100)));
        // a vessel-lining cell drives the perivascular programme of a cell near a vessel wall only
        assertTrue(PlantedPairs.planted(epithelial, endothelial), "10 um from a wall, 15 um apart");
        assertFalse(PlantedPairs.planted(new PlantedPairs.Cell("Epithelial", 0, 30, 30, 60), endothelial),
                "30 um from any wall");
    }
}
