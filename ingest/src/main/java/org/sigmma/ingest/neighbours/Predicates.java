package org.sigmma.ingest.neighbours;

import java.math.BigDecimal;

/**
 * Exact-sign orientation and in-circle tests (after Shewchuk, "Adaptive precision floating-point arithmetic
 * and fast robust geometric predicates", 1997).
 *
 * <p>Each test runs in three stages: a floating-point estimate with a proven error bound (almost every call
 * ends here); if that is inconclusive and the coordinate differences are exact in double (always true when the
 * coordinates come from float32, as Xenium centroids do, or from integers), an exact evaluation of the
 * translated determinant by floating-point expansions; otherwise an exact evaluation in {@link BigDecimal}.
 *
 * <p>Holds scratch buffers, so one instance per thread.
 */
final class Predicates {

    private static final double EPSILON = 0x1p-53;
    private static final double CCW_ERRBOUND_A = (3.0 + 16.0 * EPSILON) * EPSILON;
    private static final double ICC_ERRBOUND_A = (10.0 + 96.0 * EPSILON) * EPSILON;

    private final double[] e4a = new double[4];
    private final double[] e4b = new double[4];
    private final double[] cross = new double[4];
    private final double[] s8 = new double[8];
    private final double[] s16a = new double[16];
    private final double[] s16b = new double[16];
    private final double[] det32a = new double[32];
    private final double[] det32b = new double[32];
    private final double[] det32c = new double[32];
    private final double[] det64 = new double[64];
    private final double[] det96 = new double[96];

    /** Calls that needed more than the floating-point filter; for tests and diagnostics. */
    long exactCalls;

    /**
     * Positive if a, b, c turn counterclockwise, negative if clockwise, zero if collinear. Only the sign is
     * exact.
     */
    double orient(double ax, double ay, double bx, double by, double cx, double cy) {
        double detLeft = (ax - cx) * (by - cy);
        double detRight = (ay - cy) * (bx - cx);
        double det = detLeft - detRight;
        double detSum;
        if (detLeft > 0) {
            if (detRight <= 0) {
                return det;
            }
            detSum = detLeft + detRight;
        } else if (detLeft < 0) {
            if (detRight >= 0) {
                return det;
            }
            detSum = -detLeft - detRight;
        } else {
            return det;
        }
        double errBound = CCW_ERRBOUND_A * detSum;
        if (det >= errBound || -det >= errBound) {
            return det;
        }
        return orientExact(ax, ay, bx, by, cx, cy);
    }

    private double orientExact(double ax, double ay, double bx, double by, double cx, double cy) {
        exactCalls++;
        double acx = ax - cx, bcx = bx - cx, acy = ay - cy, bcy = by - cy;
        if (diffTail(ax, cx, acx) == 0 && diffTail(bx, cx, bcx) == 0
                && diffTail(ay, cy, acy) == 0 && diffTail(by, cy, bcy) == 0) {
            twoProduct(acx, bcy, e4a, 0);
            twoProduct(acy, bcx, e4b, 0);
            e4b[0] = -e4b[0];
            e4b[1] = -e4b[1];
            int n = sum(e4a, 2, e4b, 2, s8);
            return s8[n - 1];
        }
        BigDecimal bAcx = bd(ax).subtract(bd(cx)), bBcx = bd(bx).subtract(bd(cx));
        BigDecimal bAcy = bd(ay).subtract(bd(cy)), bBcy = bd(by).subtract(bd(cy));
        return bAcx.multiply(bBcy).subtract(bAcy.multiply(bBcx)).signum();
    }

    /**
     * Positive if d lies inside the circle through a, b, c when a, b, c turn counterclockwise (negative when
     * they turn clockwise); zero if the four points are cocircular. Only the sign is exact.
     */
    double inCircle(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy) {
        double adx = ax - dx, bdx = bx - dx, cdx = cx - dx;
        double ady = ay - dy, bdy = by - dy, cdy = cy - dy;

        double bdxcdy = bdx * cdy, cdxbdy = cdx * bdy;
        double alift = adx * adx + ady * ady;
        double cdxady = cdx * ady, adxcdy = adx * cdy;
        double blift = bdx * bdx + bdy * bdy;
        double adxbdy = adx * bdy, bdxady = bdx * ady;
        double clift = cdx * cdx + cdy * cdy;

        double det = alift * (bdxcdy - cdxbdy) + blift * (cdxady - adxcdy) + clift * (adxbdy - bdxady);
        double permanent = (Math.abs(bdxcdy) + Math.abs(cdxbdy)) * alift
                + (Math.abs(cdxady) + Math.abs(adxcdy)) * blift
                + (Math.abs(adxbdy) + Math.abs(bdxady)) * clift;
        double errBound = ICC_ERRBOUND_A * permanent;
        if (det > errBound || -det > errBound) {
            return det;
        }
        return inCircleExact(ax, ay, bx, by, cx, cy, dx, dy, adx, bdx, cdx, ady, bdy, cdy);
    }

    private double inCircleExact(double ax, double ay, double bx, double by, double cx, double cy,
                                 double dx, double dy, double adx, double bdx, double cdx,
                                 double ady, double bdy, double cdy) {
        exactCalls++;
        if (diffTail(ax, dx, adx) == 0 && diffTail(bx, dx, bdx) == 0 && diffTail(cx, dx, cdx) == 0
                && diffTail(ay, dy, ady) == 0 && diffTail(by, dy, bdy) == 0 && diffTail(cy, dy, cdy) == 0) {
            // the translated coordinates are exact: evaluate the 3x3 lifted determinant exactly
            int na = liftedTerm(bdx, cdy, cdx, bdy, adx, ady, det32a);
            int nb = liftedTerm(cdx, ady, adx, cdy, bdx, bdy, det32b);
            int nc = liftedTerm(adx, bdy, bdx, ady, cdx, cdy, det32c);
            int nab = sum(det32a, na, det32b, nb, det64);
            int n = sum(det64, nab, det32c, nc, det96);
            return det96[n - 1];
        }
        BigDecimal bAdx = bd(ax).subtract(bd(dx)), bBdx = bd(bx).subtract(bd(dx)), bCdx = bd(cx).subtract(bd(dx));
        BigDecimal bAdy = bd(ay).subtract(bd(dy)), bBdy = bd(by).subtract(bd(dy)), bCdy = bd(cy).subtract(bd(dy));
        BigDecimal aLift = bAdx.multiply(bAdx).add(bAdy.multiply(bAdy));
        BigDecimal bLift = bBdx.multiply(bBdx).add(bBdy.multiply(bBdy));
        BigDecimal cLift = bCdx.multiply(bCdx).add(bCdy.multiply(bCdy));
        BigDecimal d = aLift.multiply(bBdx.multiply(bCdy).subtract(bCdx.multiply(bBdy)))
                .add(bLift.multiply(bCdx.multiply(bAdy).subtract(bAdx.multiply(bCdy))))
                .add(cLift.multiply(bAdx.multiply(bBdy).subtract(bBdx.multiply(bAdy))));
        return d.signum();
    }

    /** (px*qy - rx*sy) * (lx^2 + ly^2) as an expansion in out; returns its length. */
    private int liftedTerm(double px, double qy, double rx, double sy, double lx, double ly, double[] out) {
        twoProduct(px, qy, e4a, 0);
        twoProduct(rx, sy, e4b, 0);
        e4b[0] = -e4b[0];
        e4b[1] = -e4b[1];
        int nCross = sum(e4a, 2, e4b, 2, cross);
        int n1 = scale(cross, nCross, lx, s8);
        int nx = scale(s8, n1, lx, s16a);
        n1 = scale(cross, nCross, ly, s8);
        int ny = scale(s8, n1, ly, s16b);
        return sum(s16a, nx, s16b, ny, out);
    }

    private static BigDecimal bd(double v) {
        return new BigDecimal(v);
    }

    // ---- floating-point expansion arithmetic (components in increasing magnitude, zero-eliminated) ----

    private static double diffTail(double a, double b, double x) {
        double bVirt = a - x;
        double aVirt = x + bVirt;
        double bRound = bVirt - b;
        double aRound = a - aVirt;
        return aRound + bRound;
    }

    /** a*b = out[at+1] + out[at], exactly. */
    private static void twoProduct(double a, double b, double[] out, int at) {
        double x = a * b;
        out[at + 1] = x;
        out[at] = Math.fma(a, b, -x);
    }

    /** h = e + f (Shewchuk's fast_expansion_sum_zeroelim); returns the length of h, at least 1. */
    private static int sum(double[] e, int eLen, double[] f, int fLen, double[] h) {
        double q, qNew, hh, bVirt;
        double eNow = e[0], fNow = f[0];
        int ei = 0, fi = 0, hi = 0;
        if ((fNow > eNow) == (fNow > -eNow)) {
            q = eNow;
            eNow = ++ei < eLen ? e[ei] : 0;
        } else {
            q = fNow;
            fNow = ++fi < fLen ? f[fi] : 0;
        }
        if (ei < eLen && fi < fLen) {
            if ((fNow > eNow) == (fNow > -eNow)) {
                qNew = eNow + q;
                bVirt = qNew - eNow;
                hh = q - bVirt;
                eNow = ++ei < eLen ? e[ei] : 0;
            } else {
                qNew = fNow + q;
                bVirt = qNew - fNow;
                hh = q - bVirt;
                fNow = ++fi < fLen ? f[fi] : 0;
            }
            q = qNew;
            if (hh != 0) {
                h[hi++] = hh;
            }
            while (ei < eLen && fi < fLen) {
                double b;
                if ((fNow > eNow) == (fNow > -eNow)) {
                    b = eNow;
                    eNow = ++ei < eLen ? e[ei] : 0;
                } else {
                    b = fNow;
                    fNow = ++fi < fLen ? f[fi] : 0;
                }
                qNew = q + b;
                hh = twoSumTail(q, b, qNew);
                q = qNew;
                if (hh != 0) {
                    h[hi++] = hh;
                }
            }
        }
        while (ei < eLen) {
            qNew = q + eNow;
            hh = twoSumTail(q, eNow, qNew);
            eNow = ++ei < eLen ? e[ei] : 0;
            q = qNew;
            if (hh != 0) {
                h[hi++] = hh;
            }
        }
        while (fi < fLen) {
            qNew = q + fNow;
            hh = twoSumTail(q, fNow, qNew);
            fNow = ++fi < fLen ? f[fi] : 0;
            q = qNew;
            if (hh != 0) {
                h[hi++] = hh;
            }
        }
        if (q != 0 || hi == 0) {
            h[hi++] = q;
        }
        return hi;
    }

    /** h = b * e (Shewchuk's scale_expansion_zeroelim); returns the length of h, at least 1. */
    private static int scale(double[] e, int eLen, double b, double[] h) {
        double q = e[0] * b;
        double hh = Math.fma(e[0], b, -q);
        int hi = 0;
        if (hh != 0) {
            h[hi++] = hh;
        }
        for (int i = 1; i < eLen; i++) {
            double p1 = e[i] * b;
            double p0 = Math.fma(e[i], b, -p1);
            double s = q + p0;
            hh = twoSumTail(q, p0, s);
            if (hh != 0) {
                h[hi++] = hh;
            }
            q = p1 + s;
            hh = s - (q - p1);
            if (hh != 0) {
                h[hi++] = hh;
            }
        }
        if (q != 0 || hi == 0) {
            h[hi++] = q;
        }
        return hi;
    }

    private static double twoSumTail(double a, double b, double x) {
        double bVirt = x - a;
        double aVirt = x - bVirt;
        double bRound = b - bVirt;
        double aRound = a - aVirt;
        return aRound + bRound;
    }
}
