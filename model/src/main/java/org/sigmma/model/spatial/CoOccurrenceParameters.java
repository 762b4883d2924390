package org.sigmma.model.spatial;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of {@link CoOccurrence}.
 *
 * @param interval    squidpy's {@code interval} as distances in um, ascending, at least 2 values: the thresholds are
 *                    {@code interval[1..]} (the first value only opens the range, as in squidpy)
 * @param concurrency threads; the result does not depend on it
 */
public record CoOccurrenceParameters(double[] interval, int concurrency) {

    public CoOccurrenceParameters {
        Objects.requireNonNull(interval, "interval");
        if (interval.length < 2) {
            throw new IllegalArgumentException("interval must hold at least 2 distances, found " + interval.length);
        }
        for (int i = 0; i < interval.length; i++) {
            if (!Double.isFinite(interval[i]) || interval[i] < 0) {
                throw new IllegalArgumentException("interval[" + i + "] must be a finite distance >= 0, not " + interval[i]);
            }
            if (i > 0 && interval[i] < interval[i - 1]) {
                throw new IllegalArgumentException("interval must be ascending: interval[" + i + "] = " + interval[i]
                        + " < interval[" + (i - 1) + "] = " + interval[i - 1]);
            }
        }
        interval = interval.clone();
        Parallel.checkConcurrency(concurrency);
    }

    /** {@code num} evenly spaced distances from {@code from} to {@code to} inclusive (numpy's linspace). */
    public static CoOccurrenceParameters linspace(double from, double to, int num) {
        if (num < 2) {
            throw new IllegalArgumentException("num must be >= 2, not " + num);
        }
        double[] v = new double[num];
        double step = (to - from) / (num - 1);
        for (int i = 0; i < num; i++) {
            v[i] = from + i * step;
        }
        v[num - 1] = to;
        return new CoOccurrenceParameters(v, Runtime.getRuntime().availableProcessors());
    }

    public CoOccurrenceParameters withConcurrency(int threads) {
        return new CoOccurrenceParameters(interval, threads);
    }

    @Override
    public double[] interval() {
        return interval.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoOccurrenceParameters c && concurrency == c.concurrency && Arrays.equals(interval, c.interval);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(interval) + concurrency;
    }

    @Override
    public String toString() {
        return "CoOccurrenceParameters[interval=" + Arrays.toString(interval) + ", concurrency=" + concurrency + "]";
    }
}
