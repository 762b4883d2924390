package org.sigmma.ingest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.xenium.BundleException;
import org.sigmma.store.TempDirs;

class AffineTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    @Test
    void compositionOrderByHand() {
        // scale by 3 first, then shift by (1, 2): (1, 1) -> (3, 3) -> (4, 5)
        Point2D.Double p = Affine.translation(1, 2).after(Affine.scale(3)).apply(1, 1);
        assertEquals(4, p.x, 1e-12);
        assertEquals(5, p.y, 1e-12);
        Point2D.Double q = Affine.scale(3).then(Affine.translation(1, 2)).apply(1, 1);
        assertEquals(p, q);
        // rotation by 90 degrees: x axis to y axis
        Point2D.Double r = Affine.rotation(Math.PI / 2).apply(1, 0);
        assertEquals(0, r.x, 1e-12);
        assertEquals(1, r.y, 1e-12);
    }

    @Test
    void inverseRoundTrip() {
        Random rnd = new Random(7);
        for (int t = 0; t < 50; t++) {
            Affine a = new Affine(rnd.nextGaussian() * 3, rnd.nextGaussian(), rnd.nextGaussian() * 1e4,
                    rnd.nextGaussian(), rnd.nextGaussian() * 3, rnd.nextGaussian() * 1e4);
            if (Math.abs(a.determinant()) < 0.1) {
                continue;
            }
            Affine inv = a.inverse();
            assertTrue(inv.after(a).distance(Affine.identity()) < 1e-9, inv.after(a).toString());
            assertTrue(a.after(inv).distance(Affine.identity()) < 1e-9);
            for (int k = 0; k < 10; k++) {
                double x = rnd.nextDouble() * 5000;
                double y = rnd.nextDouble() * 5000;
                Point2D.Double there = a.apply(x, y);
                Point2D.Double back = inv.apply(there.x, there.y);
                assertEquals(x, back.x, 1e-6);
                assertEquals(y, back.y, 1e-6);
            }
        }
        assertThrows(IllegalStateException.class, () -> new Affine(1, 2, 0, 2, 4, 0).inverse());
    }

    @Test
    void inverseMatchesTheHandComposedInverse() {
        double s = 0.37;
        double theta = 0.05;
        double tx = 120;
        double ty = -35;
        Affine a = Affine.translation(tx, ty).after(Affine.rotation(theta)).after(Affine.scale(s));
        Affine byHand = Affine.scale(1 / s).after(Affine.rotation(-theta)).after(Affine.translation(-tx, -ty));
        assertTrue(a.inverse().distance(byHand) < 1e-12);
    }

    /** The example of 10x's knowledge-base article: H&E pixel (0, 0) maps to morphology pixel (807.98, 73097.66). */
    @Test
    void parsesThe10xAlignmentFileInItsDirection() throws Exception {
        Path f = tmp.resolve("sample_he_imagealignment.csv");
        Files.writeString(f, "0.011071028838929093,1.2895790134339569,807.9788953065927\n"
                + "-1.2895790134339569,0.011071028838929093,73097.655174759\n0,0,1\n");
        Affine heToMorphology = Affine.parse10x(f);
        Point2D.Double origin = heToMorphology.apply(0, 0);
        assertEquals(807.9788953065927, origin.x, 1e-9);
        assertEquals(73097.655174759, origin.y, 1e-9);
        Affine imageToMicrons = Affine.scale(0.2125).after(heToMorphology);
        Point2D.Double um = imageToMicrons.apply(100, 200);
        assertEquals(0.2125 * (0.011071028838929093 * 100 + 1.2895790134339569 * 200 + 807.9788953065927), um.x, 1e-9);
        assertEquals(0.2125 * (-1.2895790134339569 * 100 + 0.011071028838929093 * 200 + 73097.655174759), um.y, 1e-9);
    }

    @Test
    void parseRejectsBadFiles() throws Exception {
        Path f = tmp.resolve("a.csv");
        Files.writeString(f, "1,0,0\n0,0,0\n0,0,1\n");
        BundleException e = assertThrows(BundleException.class, () -> Affine.parse10x(f));
        assertEquals("matrix", e.field());
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        Files.writeString(f, "1,0\n0,1,0\n0,0,1\n");
        assertEquals("line 1", assertThrows(BundleException.class, () -> Affine.parse10x(f)).field());
        assertEquals("file", assertThrows(BundleException.class, () -> Affine.parse10x(tmp.resolve("none.csv"))).field());
    }
}
