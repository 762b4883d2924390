package org.sigmma.ingest.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * The planted structure is in the expression, at each scale, measured the way an analyst would: from
 * counts, positions and labels only, never from the simulator's own scores.
 */
class ExpressionSignalTest {

    static SimulatedSection section;
    static SimulatedSection noArrangement;

    @BeforeAll
    static void simulate() {
        SimulationParameters p = SimulationParameters.of(20000, 300, 11).withDomainScale(250);
        section = SectionSimulator.simulate(p);
        noArrangement = SectionSimulator.simulate(p.withStrengths(1, 1, 1, 0));
    }

    private static int[] typeIndex(SimulatedCells c) {
        int[] t = new int[c.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = c.types()[i].ordinal();
        }
        return t;
    }

    @Test
    void cellTypesAreSeparableFromExpression() {
        SimulatedCells c = section.cells();
        double[][] x = new double[c.size()][];
        boolean[] train = new boolean[c.size()];
        for (int i = 0; i < c.size(); i++) {
            x[i] = Stats.logNormalised(section.counts(), i);
            train[i] = i % 2 == 0;
        }
        double acc = Stats.nearestCentroidBalancedAccuracy(x, typeIndex(c), CellType.ALL.length, train);
        System.out.printf("type from expression: balanced accuracy %.3f%n", acc);
        assertTrue(acc > 0.85, "balanced accuracy of cell types from expression " + acc);
    }

    @Test
    void nicheGenesFollowNeighbourhoodCompositionNotOwnType() {
        SimulatedCells c = section.cells();
        int[] genes = section.panel().genesOf(GenePanel.Kind.NICHE, GenePanel.INFLAMMATION);
        int[] marker = section.panel().genesOf(GenePanel.Kind.TYPE_MARKER, CellType.T_CELL.label());
        int n = c.size();
        double[] score = new double[n];
        double[] markerScore = new double[n];
        double[] share = new double[n];
        // the immune share of each cell's neighbours within 40 um, by brute force (not the simulator's kernel)
        for (int i = 0; i < n; i++) {
            score[i] = Stats.programmeScore(section.counts(), i, genes);
            markerScore[i] = Stats.programmeScore(section.counts(), i, marker);
            int all = 0;
            int immune = 0;
            for (int j = 0; j < n; j++) {
                double dx = c.x()[j] - c.x()[i];
                double dy = c.y()[j] - c.y()[i];
                if (j != i && dx * dx + dy * dy <= 40 * 40) {
                    all++;
                    if (c.types()[j].isImmune()) {
                        immune++;
                    }
                }
            }
            share[i] = all == 0 ? 0 : (double) immune / all;
        }
        int[] type = typeIndex(c);
        double r = Stats.pearson(score, share);
        double typeR2 = Stats.groupR2(score, type, CellType.ALL.length);
        double within = Stats.pearson(Stats.withinGroup(score, type, CellType.ALL.length),
                Stats.withinGroup(share, type, CellType.ALL.length));
        double markerTypeR2 = Stats.groupR2(markerScore, type, CellType.ALL.length);
        System.out.printf("inflammation niche: r(score, immune share) %.3f, R2 by own type %.3f, within-type r %.3f; "
                + "T marker R2 by type %.3f%n", r, typeR2, within, markerTypeR2);
        assertTrue(r > 0.4, "niche score follows the neighbourhood's immune share: r = " + r);
        assertTrue(within > 0.4, "and does so within each cell type: r = " + within);
        assertTrue(typeR2 < 0.2, "own type alone explains little of it: R2 = " + typeR2);
        assertTrue(markerTypeR2 > 0.6, "whereas a type marker is explained by type (the test can tell): R2 = " + markerTypeR2);
    }

    @Test
    void domainIsRecoverableFromTileMeanExpression() {
        SimulatedCells c = section.cells();
        List<double[]> feats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Tiles.Tile t : Tiles.of(c, 128, 10)) {
            double[] shares = Tiles.domainShares(c, t);
            int d = Tiles.argmax(shares);
            if (shares[d] < 0.7) {
                continue;
            }
            double[] mean = new double[section.panel().size()];
            for (int i : t.cells()) {
                double[] v = Stats.logNormalised(section.counts(), i);
                for (int g = 0; g < v.length; g++) {
                    mean[g] += v[g] / t.cells().length;
                }
            }
            feats.add(mean);
            labels.add(d);
        }
        double[][] x = feats.toArray(new double[0][]);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double acc = Stats.looNearestCentroidAccuracy(x, y, Domain.ALL.length);
        long domains = labels.stream().distinct().count();
        System.out.printf("domain from tile mean expression: %d tiles, %d domains, LOO accuracy %.3f%n", y.length, domains, acc);
        assertTrue(domains >= 4, "the section has tiles of several domains: " + domains);
        assertTrue(acc > 0.8, "domain from a tile's mean expression, leave-one-out: " + acc);
    }

    /** Per tumour tile: composition, the share of its T cells touching tumour (from the graph), exhaustion. */
    private record ArrangementTiles(double[][] composition, double[] contactShare, double[] exhaustionInT,
                                    double[] exhaustionAll) {
    }

    static ArrangementTiles arrangementTiles(SimulatedSection s) {
        SimulatedCells c = s.cells();
        int[] genes = s.panel().genesOf(GenePanel.Kind.CONTACT, GenePanel.EXHAUSTION);
        List<double[]> comp = new ArrayList<>();
        List<Double> contact = new ArrayList<>();
        List<Double> exT = new ArrayList<>();
        List<Double> exAll = new ArrayList<>();
        for (Tiles.Tile t : Tiles.of(c, 128, 10)) {
            if (Tiles.domainShares(c, t)[Domain.TUMOUR.ordinal()] < 0.7) {
                continue;
            }
            int tCells = 0;
            int touching = 0;
            double sumT = 0;
            double sumAll = 0;
            for (int i : t.cells()) {
                double e = Stats.programmeScore(s.counts(), i, genes);
                sumAll += e;
                if (c.types()[i] != CellType.T_CELL) {
                    continue;
                }
                tCells++;
                sumT += e;
                // the cell graph: does any tumour cell lie within touching distance?
                for (int j = 0; j < c.size(); j++) {
                    if (c.types()[j] != CellType.TUMOUR) {
                        continue;
                    }
                    double reach = CellType.T_CELL.bodyRadiusUm() + CellType.TUMOUR.bodyRadiusUm() + 1.0;
                    double dx = c.x()[j] - c.x()[i];
                    double dy = c.y()[j] - c.y()[i];
                    if (dx * dx + dy * dy <= reach * reach) {
                        touching++;
                        break;
                    }
                }
            }
            if (tCells < 4) {
                continue;
            }
            comp.add(Tiles.typeShares(c, t));
            contact.add((double) touching / tCells);
            exT.add(sumT / tCells);
            exAll.add(sumAll / t.cells().length);
        }
        return new ArrangementTiles(comp.toArray(new double[0][]), contact.stream().mapToDouble(Double::doubleValue).toArray(),
                exT.stream().mapToDouble(Double::doubleValue).toArray(), exAll.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Composition predictors: the type shares that vary in tumour, and their products with the T share. */
    private static double[][] compositionPredictors(double[][] comp) {
        double[][] x = new double[comp.length][];
        for (int i = 0; i < comp.length; i++) {
            double t = comp[i][CellType.T_CELL.ordinal()];
            double tu = comp[i][CellType.TUMOUR.ordinal()];
            double f = comp[i][CellType.FIBROBLAST.ordinal()];
            double m = comp[i][CellType.MACROPHAGE.ordinal()];
            x[i] = new double[] {t, tu, f, m, t * tu, t * t};
        }
        return x;
    }

    @Test
    void arrangementSignalIsNotInTileCompositionButIsInTheNeighbours() {
        ArrangementTiles a = arrangementTiles(section);
        double[][] comp = compositionPredictors(a.composition());
        double[][] withGraph = new double[comp.length][];
        double[][] graph = new double[comp.length][];
        for (int i = 0; i < comp.length; i++) {
            withGraph[i] = java.util.Arrays.copyOf(comp[i], comp[i].length + 1);
            withGraph[i][comp[i].length] = a.contactShare()[i];
            graph[i] = new double[] {a.contactShare()[i]};
        }
        double compR2 = Stats.looR2(comp, a.exhaustionInT());
        double graphR2 = Stats.looR2(graph, a.exhaustionInT());
        double allComp = Stats.looR2(comp, a.exhaustionAll());
        double allBoth = Stats.looR2(withGraph, a.exhaustionAll());
        System.out.printf("arrangement: %d tumour tiles; exhaustion of T cells: LOO R2 composition %.3f, neighbours %.3f; "
                + "tile mean exhaustion: composition %.3f, composition + neighbours %.3f%n",
                comp.length, compR2, graphR2, allComp, allBoth);
        assertTrue(comp.length >= 12, "enough tumour tiles to fit: " + comp.length);
        assertTrue(compR2 < 0.35, "tile composition leaves the T cells' exhaustion unexplained: R2 = " + compR2);
        assertTrue(graphR2 > 0.6, "the cells' neighbours explain it: R2 = " + graphR2);
        assertTrue(allBoth > allComp + 0.15, "neighbours add to composition for the tile's mean too: " + allComp + " -> " + allBoth);
    }

    @Test
    void contactProgrammesFollowContactAndVanishWithTheirKnob() {
        for (SimulatedSection s : new SimulatedSection[] {section, noArrangement}) {
            SimulatedCells c = s.cells();
            double[] exh = contactAuc(s, CellType.T_CELL, GenePanel.EXHAUSTION, ContactState.T_CELL_TUMOUR_CONTACT);
            double[] itf = contactAuc(s, CellType.TUMOUR, GenePanel.INTERFACE, ContactState.TUMOUR_STROMA_INTERFACE);
            System.out.printf("contact AUC at arrangement strength %.0f: exhaustion %.3f (%d cells), interface %.3f (%d cells)%n",
                    s.parameters().arrangementStrength(), exh[0], (int) exh[1], itf[0], (int) itf[1]);
            if (s == section) {
                assertTrue(exh[0] > 0.85 && itf[0] > 0.85, "contact programmes mark contact: " + exh[0] + ", " + itf[0]);
            } else {
                assertTrue(Math.abs(exh[0] - 0.5) < 0.1 && Math.abs(itf[0] - 0.5) < 0.1,
                        "with the knob at 0 the programmes carry no contact: " + exh[0] + ", " + itf[0]);
            }
            // the same cells in both sections: the knob changes the signal, not the layout
            assertTrue(java.util.Arrays.equals(c.types(), section.cells().types()));
        }
    }

    private static double[] contactAuc(SimulatedSection s, CellType type, String programme, ContactState state) {
        SimulatedCells c = s.cells();
        int[] genes = s.panel().genesOf(GenePanel.Kind.CONTACT, programme);
        List<Double> score = new ArrayList<>();
        List<Boolean> pos = new ArrayList<>();
        SparseCounts m = s.counts();
        for (int i = 0; i < c.size(); i++) {
            if (c.types()[i] == type) {
                score.add(Stats.programmeScore(m, i, genes));
                pos.add(c.contacts()[i] == state);
            }
        }
        double[] sc = score.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] p = new boolean[pos.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pos.get(i);
        }
        return new double[] {Stats.auc(sc, p), sc.length};
    }
}
