package org.sigmma.math;

/**
 * The bounding box of a section's cells (micrometres), one scan over their coordinates. Zero-sized at the origin when
 * there are no cells, so that grids and layouts built on it stay finite.
 */
public record Bounds(double minX, double minY, double maxX, double maxY) {

    public static Bounds of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x coordinates but " + y.length + " y coordinates");
        }
        if (x.length == 0) {
            return new Bounds(0, 0, 0, 0);
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        return new Bounds(minX, minY, maxX, maxY);
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }
}
