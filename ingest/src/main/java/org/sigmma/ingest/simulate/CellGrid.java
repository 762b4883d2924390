package org.sigmma.ingest.simulate;

import java.util.Arrays;
import org.sigmma.math.Bounds;

/** A bucket grid over cell centroids for fixed-radius neighbour queries. */
final class CellGrid {

    /** Receives one neighbour and its squared distance. */
    interface Visitor {
        void visit(int cell, double squaredDistance);
    }

    private final double[] x;
    private final double[] y;
    private final double cell;
    private final double x0;
    private final double y0;
    private final int nx;
    private final int ny;
    private final int[] start;
    private final int[] members;

    CellGrid(double[] x, double[] y, double cellUm) {
        this.x = x;
        this.y = y;
        this.cell = cellUm;
        Bounds box = Bounds.of(x, y);
        this.x0 = box.minX();
        this.y0 = box.minY();
        this.nx = Math.max(1, (int) (box.width() / cellUm) + 1);
        this.ny = Math.max(1, (int) (box.height() / cellUm) + 1);
        int[] count = new int[nx * ny + 1];
        int[] bucketOf = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            bucketOf[i] = bucket(x[i], y[i]);
            count[bucketOf[i] + 1]++;
        }
        for (int b = 0; b < nx * ny; b++) {
            count[b + 1] += count[b];
        }
        this.start = count.clone();
        this.members = new int[x.length];
        int[] fill = Arrays.copyOf(count, count.length);
        for (int i = 0; i < x.length; i++) {
            members[fill[bucketOf[i]]++] = i;
        }
    }

    private int bucket(double px, double py) {
        int i = Math.min(nx - 1, Math.max(0, (int) ((px - x0) / cell)));
        int j = Math.min(ny - 1, Math.max(0, (int) ((py - y0) / cell)));
        return j * nx + i;
    }

    /** Every cell within {@code radius} of the point (a cell at the point itself included). */
    void within(double px, double py, double radius, Visitor v) {
        int i0 = Math.max(0, (int) Math.floor((px - radius - x0) / cell));
        int i1 = Math.min(nx - 1, (int) Math.floor((px + radius - x0) / cell));
        int j0 = Math.max(0, (int) Math.floor((py - radius - y0) / cell));
        int j1 = Math.min(ny - 1, (int) Math.floor((py + radius - y0) / cell));
        double r2 = radius * radius;
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                int b = j * nx + i;
                for (int k = start[b]; k < start[b + 1]; k++) {
                    int c = members[k];
                    double dx = x[c] - px;
                    double dy = y[c] - py;
                    double d2 = dx * dx + dy * dy;
                    if (d2 <= r2) {
                        v.visit(c, d2);
                    }
                }
            }
        }
    }

    /** Cells whose centroid lies in the box [x0, x1) x [y0, y1). */
    int[] inBox(double bx0, double by0, double bx1, double by1) {
        int i0 = Math.max(0, (int) Math.floor((bx0 - x0) / cell));
        int i1 = Math.min(nx - 1, (int) Math.floor((bx1 - x0) / cell));
        int j0 = Math.max(0, (int) Math.floor((by0 - y0) / cell));
        int j1 = Math.min(ny - 1, (int) Math.floor((by1 - y0) / cell));
        int[] out = new int[16];
        int n = 0;
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                int b = j * nx + i;
                for (int k = start[b]; k < start[b + 1]; k++) {
                    int c = members[k];
                    if (x[c] >= bx0 && x[c] < bx1 && y[c] >= by0 && y[c] < by1) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = c;
                    }
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
