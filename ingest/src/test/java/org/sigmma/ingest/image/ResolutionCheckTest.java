package org.sigmma.ingest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sigmma.ingest.xenium.BundleException;

class ResolutionCheckTest {

    private static final Path IMAGE = Path.of("he.ome.tif");
    private static final Path ALIGNMENT = Path.of("he_imagealignment.csv");
    /** A registration at 0.5 um per image pixel, rotated and shifted. */
    private static final Affine REG = Affine.translation(100, 50).after(Affine.rotation(0.3)).after(Affine.scale(0.5));

    @Test
    void agreementWithinTheTolerancePasses() {
        Optional<PixelCalibration> c = Optional.of(new PixelCalibration(0.51, 0.505, "OME-XML PhysicalSizeX/Y"));
        assertSame(REG, ResolutionCheck.reconcile(c, REG, IMAGE, ALIGNMENT, ResolutionCheck.Trust.CHECK));
        assertEquals(0.5, ResolutionCheck.registrationUmPerPx(REG), 1e-12);
    }

    @Test
    void disagreementNamesBothValuesUnlessTheUserChooses() {
        Optional<PixelCalibration> c = Optional.of(new PixelCalibration(0.25, 0.25, "Aperio MPP"));
        BundleException e = assertThrows(BundleException.class,
                () -> ResolutionCheck.reconcile(c, REG, IMAGE, ALIGNMENT, ResolutionCheck.Trust.CHECK));
        assertEquals(IMAGE, e.file());
        assertTrue(e.getMessage().contains("0.2500 um/px (Aperio MPP)") && e.getMessage().contains("implies 0.5000 um/px")
                && e.getMessage().contains("--he-resolution"), e.getMessage());
        assertSame(REG, ResolutionCheck.reconcile(c, REG, IMAGE, ALIGNMENT, ResolutionCheck.Trust.REGISTRATION));
        Affine rescaled = ResolutionCheck.reconcile(c, REG, IMAGE, ALIGNMENT, ResolutionCheck.Trust.FILE);
        assertEquals(0.25, ResolutionCheck.registrationUmPerPx(rescaled), 1e-12);
        // image pixel (2u, 2v) now lands where the registration put (u, v): the alignment was made at half size
        assertEquals(REG.applyX(10, 20), rescaled.applyX(20, 40), 1e-9);
        assertEquals(REG.applyY(10, 20), rescaled.applyY(20, 40), 1e-9);
    }

    @Test
    void aFileWithoutResolutionKeepsTheRegistration() {
        assertSame(REG, ResolutionCheck.reconcile(Optional.empty(), REG, IMAGE, ALIGNMENT, ResolutionCheck.Trust.CHECK));
        assertThrows(BundleException.class,
                () -> ResolutionCheck.reconcile(Optional.empty(), REG, IMAGE, ALIGNMENT, ResolutionCheck.Trust.FILE));
    }
}
