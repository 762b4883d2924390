package org.sigmma.ingest.neighbours;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Reference geometry for tests: exact signs in BigDecimal, brute-force hulls, point generators. */
final class ExactGeometry {

    private ExactGeometry() {
    }

    static BigDecimal bd(double v) {
        return new BigDecimal(v);
    }

    /** Sign of the orientation of a, b, c: +1 counterclockwise. */
    static int orient(double ax, double ay, double bx, double by, double cx, double cy) {
        double l = (ax - cx) * (by - cy), r = (ay - cy) * (bx - cx);
        if (Math.abs(l - r) > 1e-12 * (Math.abs(l) + Math.abs(r))) {
            return l > r ? 1 : -1; // far from zero: the double sign is right
        }
        BigDecimal acx = bd(ax).subtract(bd(cx)), bcx = bd(bx).subtract(bd(cx));
        BigDecimal acy = bd(ay).subtract(bd(cy)), bcy = bd(by).subtract(bd(cy));
        return acx.multiply(bcy).subtract(acy.multiply(bcx)).signum();
    }

    /** +1 if d is strictly inside the circle through a, b, c taken counterclockwise, 0 on it, -1 outside. */
    static int inCircleCcw(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy) {
        double fadx = ax - dx, fady = ay - dy, fbdx = bx - dx, fbdy = by - dy, fcdx = cx - dx, fcdy = cy - dy;
        double fal = fadx * fadx + fady * fady, fbl = fbdx * fbdx + fbdy * fbdy, fcl = fcdx * fcdx + fcdy * fcdy;
        double fdet = fal * (fbdx * fcdy - fbdy * fcdx) + fbl * (fcdx * fady - fcdy * fadx)
                + fcl * (fadx * fbdy - fady * fbdx);
        double perm = fal * (Math.abs(fbdx * fcdy) + Math.abs(fbdy * fcdx))
                + fbl * (Math.abs(fcdx * fady) + Math.abs(fcdy * fadx))
                + fcl * (Math.abs(fadx * fbdy) + Math.abs(fady * fbdx));
        if (Math.abs(fdet) > 1e-10 * perm) {
            return fdet > 0 ? 1 : -1; // far from zero: the double sign is right
        }
        return inCircleCcwExact(ax, ay, bx, by, cx, cy, dx, dy);
    }

    /** As {@link #inCircleCcw}, always in BigDecimal. */
    static int inCircleCcwExact(double ax, double ay, double bx, double by, double cx, double cy,
                                double dx, double dy) {
        BigDecimal adx = bd(ax).subtract(bd(dx)), ady = bd(ay).subtract(bd(dy));
        BigDecimal bdx = bd(bx).subtract(bd(dx)), bdy = bd(by).subtract(bd(dy));
        BigDecimal cdx = bd(cx).subtract(bd(dx)), cdy = bd(cy).subtract(bd(dy));
        BigDecimal al = adx.multiply(adx).add(ady.multiply(ady));
        BigDecimal bl = bdx.multiply(bdx).add(bdy.multiply(bdy));
        BigDecimal cl = cdx.multiply(cdx).add(cdy.multiply(cdy));
        BigDecimal det = adx.multiply(bdy.multiply(cl).subtract(bl.multiply(cdy)))
                .subtract(ady.multiply(bdx.multiply(cl).subtract(bl.multiply(cdx))))
                .add(al.multiply(bdx.multiply(cdy).subtract(bdy.multiply(cdx))));
        return det.signum();
    }

    /** +1 if d is strictly inside the circumcircle of triangle a, b, c (either orientation). */
    static int inCircumcircle(double[] x, double[] y, int a, int b, int c, int d) {
        int o = orient(x[a], y[a], x[b], y[b], x[c], y[c]);
        if (o == 0) {
            throw new AssertionError("degenerate triangle " + a + " " + b + " " + c);
        }
        int s = inCircleCcw(x[a], y[a], x[b], y[b], x[c], y[c], x[d], y[d]);
        return o > 0 ? s : -s;
    }

    /**
     * Number of distinct points on the convex hull boundary, collinear boundary points included (monotone
     * chain with exact orientation).
     */
    static int hullBoundaryCount(double[] x, double[] y) {
        Integer[] ids = distinctIds(x, y);
        int n = ids.length;
        if (n < 3) {
            return n;
        }
        int[] h = new int[2 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && orient(x[h[k - 2]], y[h[k - 2]], x[h[k - 1]], y[h[k - 1]], x[ids[i]], y[ids[i]]) < 0) {
                k--;
            }
            h[k++] = ids[i];
        }
        for (int i = n - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && orient(x[h[k - 2]], y[h[k - 2]], x[h[k - 1]], y[h[k - 1]], x[ids[i]], y[ids[i]]) < 0) {
                k--;
            }
            h[k++] = ids[i];
        }
        return k - 1;
    }

    /** Area of the convex hull (shoelace over the strict hull). */
    static double hullArea(double[] x, double[] y) {
        Integer[] ids = distinctIds(x, y);
        int n = ids.length;
        if (n < 3) {
            return 0;
        }
        int[] h = new int[2 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && orient(x[h[k - 2]], y[h[k - 2]], x[h[k - 1]], y[h[k - 1]], x[ids[i]], y[ids[i]]) <= 0) {
                k--;
            }
            h[k++] = ids[i];
        }
        for (int i = n - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && orient(x[h[k - 2]], y[h[k - 2]], x[h[k - 1]], y[h[k - 1]], x[ids[i]], y[ids[i]]) <= 0) {
                k--;
            }
            h[k++] = ids[i];
        }
        double a = 0;
        for (int i = 0; i + 1 < k; i++) {
            a += x[h[i]] * y[h[i + 1]] - x[h[i + 1]] * y[h[i]];
        }
        return Math.abs(a) / 2;
    }

    private static Integer[] distinctIds(double[] x, double[] y) {
        Integer[] ids = new Integer[x.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Arrays.sort(ids, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Double.compare(y[a], y[b]));
        List<Integer> out = new ArrayList<>();
        for (Integer i : ids) {
            if (out.isEmpty() || x[out.get(out.size() - 1)] != x[i] || y[out.get(out.size() - 1)] != y[i]) {
                out.add(i);
            }
        }
        return out.toArray(new Integer[0]);
    }

    static double[][] uniform(int n, long seed, double side) {
        Random r = new Random(seed);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * side;
            y[i] = r.nextDouble() * side;
        }
        return new double[][] {x, y};
    }

    /** Gaussian clusters, coordinates rounded to float as Xenium stores them. */
    static double[][] clustered(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n], y = new double[n];
        int clusters = 12;
        double[] cx = new double[clusters], cy = new double[clusters];
        for (int c = 0; c < clusters; c++) {
            cx[c] = r.nextDouble() * 5000;
            cy[c] = r.nextDouble() * 5000;
        }
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(clusters);
            x[i] = (float) (cx[c] + r.nextGaussian() * 150);
            y[i] = (float) (cy[c] + r.nextGaussian() * 150);
        }
        return new double[][] {x, y};
    }

    /** A cols x rows lattice with the given spacing, in shuffled order. */
    static double[][] lattice(int cols, int rows, double spacing, long seed) {
        int n = cols * rows;
        double[] x = new double[n], y = new double[n];
        int[] order = shuffled(n, seed);
        for (int i = 0; i < n; i++) {
            int p = order[i];
            x[i] = (p % cols) * spacing;
            y[i] = (p / cols) * spacing;
        }
        return new double[][] {x, y};
    }

    static int[] shuffled(int n, long seed) {
        Random r = new Random(seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
