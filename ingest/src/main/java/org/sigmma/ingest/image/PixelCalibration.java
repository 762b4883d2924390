package org.sigmma.ingest.image;

/**
 * The size of an image pixel in micrometres, as the image file states it, and where it says so
 * (for example "OME-XML PhysicalSizeX/Y" or "Aperio MPP").
 */
public record PixelCalibration(double umPerPxX, double umPerPxY, String source) {

    public PixelCalibration {
        if (!(umPerPxX > 0) || !(umPerPxY > 0) || !Double.isFinite(umPerPxX) || !Double.isFinite(umPerPxY)) {
            throw new IllegalArgumentException("pixel size must be positive and finite: " + umPerPxX + " x " + umPerPxY);
        }
    }

    /** The geometric mean of both axes: the side of a square pixel of the same area. */
    public double umPerPx() {
        return Math.sqrt(umPerPxX * umPerPxY);
    }

    /** The calibration of a level {@code fx} by {@code fy} times coarser. */
    public PixelCalibration scaled(double fx, double fy) {
        return new PixelCalibration(umPerPxX * fx, umPerPxY * fy, source);
    }
}
