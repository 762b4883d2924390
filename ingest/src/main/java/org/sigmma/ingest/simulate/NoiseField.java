package org.sigmma.ingest.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A smooth random field over the section plane: gradient (Perlin) noise summed over a few octaves, the
 * coarsest with the given wavelength in micrometres. Values are a pure function of the seed and the point,
 * so the field can be sampled anywhere, in any order, by any thread. {@link #uniform} maps the raw value
 * through the field's own empirical distribution, so a threshold at q covers a share q of the plane
 * whatever the field's wavelength.
 */
final class NoiseField {

    private static final int CALIBRATION_POINTS = 8192;
    /** 32 unit gradient directions: a table look-up instead of a cosine per lattice corner. */
    private static final double[] GX = new double[32];
    private static final double[] GY = new double[32];

    static {
        for (int k = 0; k < 32; k++) {
            GX[k] = Math.cos(2 * Math.PI * (k + 0.5) / 32);
            GY[k] = Math.sin(2 * Math.PI * (k + 0.5) / 32);
        }
    }

    private final long seed;
    private final double frequency;
    private final int octaves;
    private final double[] sortedSample;

    NoiseField(long seed, double wavelengthUm, int octaves) {
        if (!(wavelengthUm > 0) || octaves < 1) {
            throw new IllegalArgumentException("wavelength must be positive and octaves >= 1: " + wavelengthUm + ", " + octaves);
        }
        this.seed = seed;
        this.frequency = 1 / wavelengthUm;
        this.octaves = octaves;
        // the raw distribution does not depend on where it is sampled (the noise is stationary)
        SplittableRandom r = new SplittableRandom(Random64.hash(seed, 0x5eed));
        double[] s = new double[CALIBRATION_POINTS];
        double span = 64 * wavelengthUm;
        for (int i = 0; i < s.length; i++) {
            s[i] = raw(r.nextDouble() * span, r.nextDouble() * span);
        }
        Arrays.sort(s);
        this.sortedSample = s;
    }

    /** The raw field, roughly in [-1, 1] with mean 0. */
    double raw(double x, double y) {
        double sum = 0;
        double amp = 1;
        double norm = 0;
        double f = frequency;
        for (int o = 0; o < octaves; o++) {
            sum += amp * gradient(x * f, y * f, o);
            norm += amp;
            amp *= 0.5;
            f *= 2.03;
        }
        return sum / norm * 1.6;
    }

    /** The field mapped to (0, 1) through its own distribution: roughly uniform over the plane. */
    double uniform(double x, double y) {
        return toUniform(raw(x, y));
    }

    /** Where {@code v} falls in the field's distribution of raw values, in (0, 1). */
    double toUniform(double v) {
        double[] s = sortedSample;
        int i = Arrays.binarySearch(s, v);
        if (i < 0) {
            i = -i - 1;
        }
        if (i == 0) {
            return 0.5 / s.length;
        }
        if (i >= s.length) {
            return 1 - 0.5 / s.length;
        }
        double lo = s[i - 1];
        double hi = s[i];
        double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        return (i - 0.5 + t) / s.length;
    }

    private double gradient(double x, double y, int octave) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double n00 = corner(x0, y0, octave, fx, fy);
        double n10 = corner(x0 + 1, y0, octave, fx - 1, fy);
        double n01 = corner(x0, y0 + 1, octave, fx, fy - 1);
        double n11 = corner(x0 + 1, y0 + 1, octave, fx - 1, fy - 1);
        double u = fade(fx);
        double v = fade(fy);
        double a = n00 + u * (n10 - n00);
        double b = n01 + u * (n11 - n01);
        return a + v * (b - a);
    }

    private double corner(int ix, int iy, int octave, double dx, double dy) {
        int k = (int) (Random64.hash(seed, ix, iy, octave) >>> 59);
        return GX[k] * dx + GY[k] * dy;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }
}
