package org.sigmma.ingest.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.sigmma.ingest.xenium.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pixel size an H&amp;E file states against the one its registration implies. They must agree within
 * {@link #TOLERANCE}; when they do not, the user says which to trust ({@link Trust}). Trusting the file rescales
 * the image side of the registration (the usual cause: the alignment was made on a downsampled copy).
 */
public final class ResolutionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ResolutionCheck.class);

    /** Relative disagreement allowed: scanners round MPP to 4 digits, registrations fit a few per mille. */
    public static final double TOLERANCE = 0.03;

    public enum Trust {
        /** Both must agree, else fail (the default). */
        CHECK,
        /** Use the registration as it is, whatever the file says. */
        REGISTRATION,
        /** Rescale the registration so that image pixels have the file's size. */
        FILE
    }

    private ResolutionCheck() {
    }

    /** Micrometres per image pixel under {@code imageToMicrons} (the side of a pixel's mapped area). */
    public static double registrationUmPerPx(Affine imageToMicrons) {
        return Math.sqrt(Math.abs(imageToMicrons.determinant()));
    }

    /**
     * @return the image-to-micrometre map to use
     * @throws BundleException naming both values, when they disagree and {@code trust} is {@link Trust#CHECK}
     */
    public static Affine reconcile(Optional<PixelCalibration> stated, Affine imageToMicrons, Path image, Path alignment,
                                   Trust trust) {
        double reg = registrationUmPerPx(imageToMicrons);
        if (stated.isEmpty()) {
            LOG.info("{}: no pixel size in the file; {} um/px from the registration {}", image, reg, alignment);
            if (trust == Trust.FILE) {
                throw new BundleException(image, "resolution", "--he-resolution file asks for the file's pixel size, "
                        + "but the file states none (no OME PhysicalSizeX/Y, Aperio MPP or TIFF resolution)");
            }
            return imageToMicrons;
        }
        PixelCalibration c = stated.get();
        double file = c.umPerPx();
        double off = file / reg - 1;
        if (Math.abs(off) <= TOLERANCE) {
            return imageToMicrons;
        }
        String both = String.format(Locale.ROOT, "the file states %.4f um/px (%s) but the registration %s implies "
                + "%.4f um/px, %+.1f%% apart (tolerance %.0f%%)", file, c.source(), alignment, reg, 100 * off, 100 * TOLERANCE);
        return switch (trust) {
            case CHECK -> throw new BundleException(image, "resolution", both + "; pass --he-resolution registration to "
                    + "keep the registration, or --he-resolution file to rescale it to the file's pixel size");
            case REGISTRATION -> {
                LOG.warn("{}: {}; using the registration (--he-resolution registration)", image, both);
                yield imageToMicrons;
            }
            case FILE -> {
                LOG.warn("{}: {}; rescaling the registration to the file's pixel size (--he-resolution file)", image, both);
                yield imageToMicrons.after(Affine.scale(file / reg));
            }
        };
    }
}
