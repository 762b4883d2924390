package org.sigmma.ingest.simulate;

import java.util.ArrayList;
import java.util.List;

/** Square tiles of the Xenium frame (origin 0, side {@code side} um), each with the cells whose centroid falls in it. */
final class Tiles {

    /** One tile: its grid position and cells. */
    record Tile(int col, int row, double x0, double y0, double side, int[] cells) {
    }

    private Tiles() {
    }

    static List<Tile> of(SimulatedCells c, double side, int minCells) {
        double maxX = 0;
        double maxY = 0;
        for (int i = 0; i < c.size(); i++) {
            maxX = Math.max(maxX, c.x()[i]);
            maxY = Math.max(maxY, c.y()[i]);
        }
        int cols = (int) (maxX / side) + 1;
        int rows = (int) (maxY / side) + 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int t = 0; t < cols * rows; t++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < c.size(); i++) {
            members.get((int) (c.y()[i] / side) * cols + (int) (c.x()[i] / side)).add(i);
        }
        List<Tile> out = new ArrayList<>();
        for (int t = 0; t < members.size(); t++) {
            if (members.get(t).size() >= minCells) {
                int col = t % cols;
                int row = t / cols;
                out.add(new Tile(col, row, col * side, row * side, side,
                        members.get(t).stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return out;
    }

    /** The share of a tile's cells in each domain. */
    static double[] domainShares(SimulatedCells c, Tile t) {
        double[] s = new double[Domain.ALL.length];
        for (int i : t.cells()) {
            s[c.domains()[i].ordinal()] += 1.0 / t.cells().length;
        }
        return s;
    }

    /** The share of a tile's cells of each type. */
    static double[] typeShares(SimulatedCells c, Tile t) {
        double[] s = new double[CellType.ALL.length];
        for (int i : t.cells()) {
            s[c.types()[i].ordinal()] += 1.0 / t.cells().length;
        }
        return s;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
