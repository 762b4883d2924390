package org.sigmma.ingest.image.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.image.HeCropper;
import org.sigmma.ingest.image.HeImageSource;
import org.sigmma.ingest.image.TestImagesAccess;
import org.sigmma.ingest.simulate.SlideTiffWriter;
import org.sigmma.store.TempDirs;

/** HeCropper cuts a pyramid's tile from the level nearest above the output resolution. */
class PyramidCropTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    /** Level 0 only, whatever the file holds. */
    private static HeImageSource flat(HeImageSource s) {
        return new HeImageSource() {
            public int width() {
                return s.width();
            }

            public int height() {
                return s.height();
            }

            public BufferedImage read(Rectangle r) {
                return s.read(r);
            }

            public BufferedImage read(Rectangle r, int step) {
                return s.read(r, step);
            }
        };
    }

    private static void assertSame(BufferedImage a, BufferedImage b) {
        assertEquals(0, SlideTiffRoundTripTest.errors(a, b)[1]);
    }

    @Test
    void readsTheLevelNearestAboveTheOutput() throws Exception {
        BufferedImage img = TestImagesAccess.pattern(512, 384);
        Path f = SlideTiffRoundTripTest.write(img, tmp.resolve("p.tif"),
                SlideTiffWriter.Format.parse("deflate,tile=64,levels=3,layout=subifds,big"), 0.25, null);
        Affine toUm = Affine.scale(0.25);
        try (TiffHeImage slide = TiffHeImage.open(f)) {
            // 64 um at 128 px: 0.5 um per output pixel, two full-resolution pixels: level 1 exactly
            BufferedImage viaPyramid = HeCropper.crop(slide, toUm, 10, 12, 64, 128);
            assertSame(HeCropper.crop(flat(slide.level(1)), Affine.scale(0.5), 10, 12, 64, 128), viaPyramid);
            assertNotEquals(0.0, SlideTiffRoundTripTest.errors(HeCropper.crop(flat(slide), toUm, 10, 12, 64, 128),
                    viaPyramid)[1], "the full-resolution cut subsamples, the level averages: they must differ here");
            // 1.5 px per output pixel: level 0 (level 1 would be coarser than asked)
            assertSame(HeCropper.crop(flat(slide), toUm, 10, 12, 48, 128), HeCropper.crop(slide, toUm, 10, 12, 48, 128));
            // 3.2 px: level 1 (2x), not level 2 (4x)
            assertSame(HeCropper.crop(flat(slide.level(1)), Affine.scale(0.5), 5, 7, 80, 100),
                    HeCropper.crop(slide, toUm, 5, 7, 80, 100));
            // 4 px and beyond: level 2
            assertSame(HeCropper.crop(flat(slide.level(2)), Affine.scale(1.0), 5, 7, 96, 96),
                    HeCropper.crop(slide, toUm, 5, 7, 96, 96));
        }
    }
}
