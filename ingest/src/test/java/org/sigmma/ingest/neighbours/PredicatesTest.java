package org.sigmma.ingest.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact-sign predicates against BigDecimal on inputs built to defeat the floating-point filter. */
class PredicatesTest {

    @Test
    void orientationOfNearlyCollinearPoints() {
        Predicates p = new Predicates();
        Random r = new Random(1);
        for (int i = 0; i < 8_000; i++) {
            double ax = r.nextDouble() * 1000, ay = r.nextDouble() * 1000;
            double bx = r.nextDouble() * 1000, by = r.nextDouble() * 1000;
            double t = r.nextDouble();
            // a point on the segment, rounded, nudged by a few ulps; half of them from float32 coordinates
            double cx = ax + t * (bx - ax) + (r.nextInt(5) - 2) * Math.ulp(ax);
            double cy = ay + t * (by - ay) + (r.nextInt(5) - 2) * Math.ulp(ay);
            if (i % 2 == 0) {
                ax = (float) ax; ay = (float) ay; bx = (float) bx; by = (float) by; cx = (float) cx; cy = (float) cy;
            }
            assertEquals(ExactGeometry.orient(ax, ay, bx, by, cx, cy),
                    (int) Math.signum(p.orient(ax, ay, bx, by, cx, cy)), "case " + i);
        }
        assertTrue(p.exactCalls > 400, "the filter should have been inconclusive often: " + p.exactCalls);
    }

    @Test
    void inCircleOfNearlyCocircularPoints() {
        Predicates p = new Predicates();
        Random r = new Random(2);
        for (int i = 0; i < 8_000; i++) {
            double cx = r.nextDouble() * 1000, cy = r.nextDouble() * 1000, rad = 1 + r.nextDouble() * 50;
            double[] x = new double[4], y = new double[4];
            for (int j = 0; j < 4; j++) {
                double a = r.nextDouble() * 2 * Math.PI;
                x[j] = cx + rad * Math.cos(a);
                y[j] = cy + rad * Math.sin(a);
                if (i % 2 == 0) {
                    x[j] = (float) x[j];
                    y[j] = (float) y[j];
                }
            }
            double expect = ExactGeometry.inCircleCcwExact(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3]);
            assertEquals(expect, Math.signum(p.inCircle(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3])), "case " + i);
        }
        // integer cocircular points are exactly on the circle
        assertEquals(0.0, p.inCircle(5, 0, 0, 5, -5, 0, 3, -4));
        assertTrue(p.inCircle(5, 0, 0, 5, -5, 0, 0, 0) > 0);
        assertTrue(p.inCircle(5, 0, -5, 0, 0, 5, 0, 0) < 0);
        assertTrue(p.exactCalls > 400, "the filter should have been inconclusive often: " + p.exactCalls);
    }
}
