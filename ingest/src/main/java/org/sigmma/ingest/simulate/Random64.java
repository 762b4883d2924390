package org.sigmma.ingest.simulate;

import java.util.SplittableRandom;

/**
 * Seeded randomness that does not depend on the order work is done in: every stream is derived from the
 * section seed and a fixed key (a stage, a cell, a pixel), so cells can be sampled in parallel and image tiles
 * rendered in any order with identical results.
 */
final class Random64 {

    private Random64() {
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a) {
        return mix(seed ^ mix(a + 0x9e3779b97f4a7c15L));
    }

    static long hash(long seed, long a, long b) {
        return mix(hash(seed, a) ^ mix(b * 0xc2b2ae3d27d4eb4fL + 0x165667b19e3779f9L));
    }

    static long hash(long seed, long a, long b, long c) {
        return mix(hash(seed, a, b) ^ mix(c * 0x9e3779b97f4a7c15L + 0x27d4eb2f165667c5L));
    }

    /** A uniform double in [0, 1) from 53 bits of a hash. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** An independent stream for one stage (and optionally one item) of the simulation. */
    static SplittableRandom stream(long seed, long stage) {
        return new SplittableRandom(hash(seed, stage));
    }

    static SplittableRandom stream(long seed, long stage, long item) {
        return new SplittableRandom(hash(seed, stage, item));
    }

    /** A standard normal deviate (Marsaglia's polar method). */
    static double gaussian(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shape below 1. */
    static double gamma(SplittableRandom r, double shape) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(r, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(r);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Poisson(mean): inversion for small means, Hoermann's PTRS transformed rejection above 10. */
    static int poisson(SplittableRandom r, double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        if (mean < 10) {
            double p = Math.exp(-mean);
            double f = p;
            double u = r.nextDouble();
            int k = 0;
            while (u > f && k < 1000) {
                u -= f;
                k++;
                p *= mean / k;
                f = p;
            }
            return k;
        }
        double slam = Math.sqrt(mean);
        double loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5;
            double v = r.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return (int) k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * loglam - logFactorial(k)) {
                return (int) k;
            }
        }
    }

    /** Negative binomial with the given mean and dispersion (variance = mean + dispersion * mean^2), as Gamma-Poisson. */
    static int negativeBinomial(SplittableRandom r, double mean, double dispersion) {
        if (!(mean > 0)) {
            return 0;
        }
        if (dispersion <= 1e-9) {
            return poisson(r, mean);
        }
        double shape = 1 / dispersion;
        return poisson(r, gamma(r, shape) * mean * dispersion);
    }

    private static double logFactorial(long k) {
        if (k < 2) {
            return 0;
        }
        double x = k + 1;
        // Stirling series for log Gamma(k + 1); exact enough for k >= 2 at double precision for PTRS
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
