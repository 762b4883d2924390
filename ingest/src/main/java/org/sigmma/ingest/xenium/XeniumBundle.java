package org.sigmma.ingest.xenium;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.image.HeImageSource;

/**
 * One Xenium section, read and validated by {@link XeniumReader}.
 *
 * @param dir             the bundle folder
 * @param cells           cells in the cells file's order
 * @param matrix          gene-expression counts, rows in the order of {@code cells} (matrix barcode c == cells id c)
 * @param pixelSizeUm     micrometres per morphology pixel, from experiment.xenium or the default 0.2125
 * @param labels          per-cell labels by cell id, when a labels file was given or found
 * @param image           the registered H&amp;E image, open until {@link #close()}
 * @param digest          SHA-256 (hex) of the input files' bytes, in a fixed role order (see {@link #inputs})
 * @param features        every feature of the matrix file, controls included, as listed there
 * @param pixelSizeSource where {@code pixelSizeUm} came from: the experiment.xenium path, or "default"
 * @param imageToMicrons  H&amp;E image pixels to section micrometres, present with {@code image}
 * @param inputs          the files read, in digest order
 */
public record XeniumBundle(Path dir, CellTable cells, CountMatrix matrix, double pixelSizeUm,
                           Optional<Map<String, String>> labels, Optional<HeImageSource> image, String digest,
                           FeatureTable features, String pixelSizeSource, Optional<Affine> imageToMicrons,
                           List<Path> inputs) implements AutoCloseable {

    public XeniumBundle {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(cells, "cells");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(pixelSizeSource, "pixelSizeSource");
        Objects.requireNonNull(imageToMicrons, "imageToMicrons");
        inputs = List.copyOf(inputs);
        if (image.isPresent() != imageToMicrons.isPresent()) {
            throw new IllegalArgumentException("an image needs its imageToMicrons transform and vice versa");
        }
        if (matrix.nCells() != cells.size()) {
            throw new IllegalArgumentException("matrix has " + matrix.nCells() + " rows for " + cells.size() + " cells");
        }
    }

    /** Whether the pixel size came from the default rather than from experiment.xenium. */
    public boolean pixelSizeIsDefault() {
        return "default".equals(pixelSizeSource);
    }

    /** Closes the H&amp;E image, if any. */
    @Override
    public void close() {
        image.ifPresent(HeImageSource::close);
    }
}
