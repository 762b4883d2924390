package org.sigmma.model.data;

/** Turns a {@link TileSample} into a {@link PreparedTile}: graphs built, crops cut once. */
public final class TilePreparer {

    private final int k;
    private final CropCutter cutter;
    private final boolean precomputed;

    /**
     * @param k candidates per cell and step ({@code <= 0}: all pairs of the block)
     * @param cropSize backbone input side
     * @param precomputed read precomputed crop features instead of cutting images
     */
    public TilePreparer(int k, int cropSize, boolean precomputed) {
        this.k = k;
        this.cutter = new CropCutter(cropSize);
        this.precomputed = precomputed;
    }

    public PreparedTile prepare(TileSample t) {
        CellGraph g = CellGraph.build(t, k);
        byte[] crops = null;
        float[] cf = null;
        if (precomputed) {
            if (t.cropFeatures() == null) {
                throw new IllegalArgumentException("tile " + t.tileId()
                        + ": field cropFeatures is null but the backbone reads precomputed features");
            }
            cf = t.cropFeatures();
        } else {
            if (t.rgb() == null) {
                throw new IllegalArgumentException("tile " + t.tileId()
                        + ": field rgb is null; the HE encoder needs the section's H&E image");
            }
            crops = cutter.cut(t.rgb(), t.imageSize());
        }
        return new PreparedTile(t.tileId(), t.nCells(), t.features(), g, crops, cf);
    }
}
