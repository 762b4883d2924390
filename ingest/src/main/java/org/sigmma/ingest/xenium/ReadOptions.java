package org.sigmma.ingest.xenium;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import org.sigmma.ingest.image.ResolutionCheck;

/**
 * How to read a Xenium bundle. Files given here win over files found in the bundle folder; with
 * {@code discover} on (the default) the folder is searched for {@code cell_types.csv} / {@code *labels*.csv},
 * {@code *_he_image*.ome.tif} / {@code he_image.*} and {@code *_he_imagealignment.csv}.
 *
 * @param labelsCsv               per-cell labels (see {@link LabelsReader})
 * @param heImage                 the H&amp;E image (TIFF / OME-TIFF, PNG, JPEG)
 * @param heAlignmentCsv          10x's H&amp;E alignment matrix (H&amp;E pixels to morphology pixels)
 * @param discover                look for the optional files in the bundle folder
 * @param maxFractionOutsideImage the share of cells allowed to fall outside the H&amp;E image (default 0)
 * @param progress                receives the fraction done, 0 to 1
 * @param heResolution            when the H&amp;E file's pixel size and the registration's disagree: fail (CHECK,
 *                                the default), or trust the REGISTRATION or the FILE (see {@link ResolutionCheck})
 */
public record ReadOptions(Optional<Path> labelsCsv, Optional<Path> heImage, Optional<Path> heAlignmentCsv,
                          boolean discover, double maxFractionOutsideImage, DoubleConsumer progress,
                          ResolutionCheck.Trust heResolution) {

    public ReadOptions {
        Objects.requireNonNull(labelsCsv, "labelsCsv");
        Objects.requireNonNull(heImage, "heImage");
        Objects.requireNonNull(heAlignmentCsv, "heAlignmentCsv");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(heResolution, "heResolution");
        if (!(maxFractionOutsideImage >= 0 && maxFractionOutsideImage <= 1)) {
            throw new IllegalArgumentException("maxFractionOutsideImage must be in [0, 1]: " + maxFractionOutsideImage);
        }
    }

    public static ReadOptions defaults() {
        return new ReadOptions(Optional.empty(), Optional.empty(), Optional.empty(), true, 0.0, f -> { }, ResolutionCheck.Trust.CHECK);
    }

    public ReadOptions withLabels(Path csv) {
        return new ReadOptions(Optional.of(csv), heImage, heAlignmentCsv, discover, maxFractionOutsideImage, progress, heResolution);
    }

    public ReadOptions withHeImage(Path image, Path alignmentCsv) {
        return new ReadOptions(labelsCsv, Optional.of(image), Optional.of(alignmentCsv), discover, maxFractionOutsideImage, progress, heResolution);
    }

    public ReadOptions withDiscover(boolean on) {
        return new ReadOptions(labelsCsv, heImage, heAlignmentCsv, on, maxFractionOutsideImage, progress, heResolution);
    }

    public ReadOptions withMaxFractionOutsideImage(double fraction) {
        return new ReadOptions(labelsCsv, heImage, heAlignmentCsv, discover, fraction, progress, heResolution);
    }

    public ReadOptions withHeResolution(ResolutionCheck.Trust trust) {
        return new ReadOptions(labelsCsv, heImage, heAlignmentCsv, discover, maxFractionOutsideImage, progress, trust);
    }

    public ReadOptions withProgress(DoubleConsumer p) {
        return new ReadOptions(labelsCsv, heImage, heAlignmentCsv, discover, maxFractionOutsideImage, p, heResolution);
    }
}
