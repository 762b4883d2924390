package org.sigmma.ingest.simulate;

import org.sigmma.ingest.image.Affine;

/**
 * Where the simulated H&amp;E scan lies against the Xenium frame: {@code imageToMicrons} maps image pixels
 * (origin at the top-left corner of the top-left pixel) to section micrometres, a rotation by
 * {@code heRotationDeg}, a scale of {@code heUmPerPx} and an offset chosen so that the image covers the
 * whole section with a margin of glass. The 10x alignment file holds {@link #alignment()}: image pixels to
 * Xenium morphology pixels.
 */
public record ImageGeometry(Affine imageToMicrons, int width, int height, double pixelSizeUm) {

    /** Glass around the section, um. */
    static final double MARGIN_UM = 30;

    static ImageGeometry of(SimulationParameters p, double widthUm, double heightUm) {
        Affine linear = Affine.rotation(Math.toRadians(p.heRotationDeg())).after(Affine.scale(p.heUmPerPx()));
        Affine inv = linear.inverse();
        double[][] corners = {{-MARGIN_UM, -MARGIN_UM}, {widthUm + MARGIN_UM, -MARGIN_UM},
            {-MARGIN_UM, heightUm + MARGIN_UM}, {widthUm + MARGIN_UM, heightUm + MARGIN_UM}};
        double minU = Double.POSITIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        for (double[] c : corners) {
            double u = inv.applyX(c[0], c[1]);
            double v = inv.applyY(c[0], c[1]);
            minU = Math.min(minU, u);
            minV = Math.min(minV, v);
            maxU = Math.max(maxU, u);
            maxV = Math.max(maxV, v);
        }
        // image pixel (0, 0) sits at the pre-image's top-left corner: translate by where that corner lands
        double tx = linear.applyX(minU, minV);
        double ty = linear.applyY(minU, minV);
        Affine toMicrons = Affine.translation(tx, ty).after(linear);
        int w = (int) Math.ceil(maxU - minU);
        int h = (int) Math.ceil(maxV - minV);
        return new ImageGeometry(toMicrons, w, h, p.pixelSizeUm());
    }

    /** H&amp;E image pixels to Xenium morphology pixels, the matrix 10x writes to *_he_imagealignment.csv. */
    public Affine alignment() {
        return Affine.scale(1 / pixelSizeUm).after(imageToMicrons);
    }

    public Affine micronsToImage() {
        return imageToMicrons.inverse();
    }
}
