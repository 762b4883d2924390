package org.sigmma.ingest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.xenium.BundleException;
import org.sigmma.store.TempDirs;

class ImageIoHeImageTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    private static void assertSameRegion(BufferedImage full, Rectangle r, int step, BufferedImage got) {
        assertEquals((r.width + step - 1) / step, got.getWidth());
        assertEquals((r.height + step - 1) / step, got.getHeight());
        for (int l = 0; l < got.getHeight(); l++) {
            for (int k = 0; k < got.getWidth(); k++) {
                assertEquals(full.getRGB(r.x + k * step, r.y + l * step) & 0xFFFFFF, got.getRGB(k, l) & 0xFFFFFF,
                        "pixel (" + k + ", " + l + ") of " + r + " step " + step);
            }
        }
    }

    @Test
    void pngRegions() throws Exception {
        BufferedImage g = TestImages.gradient(256, 200);
        try (ImageIoHeImage img = ImageIoHeImage.open(TestImages.png(g, tmp.resolve("he.png")))) {
            assertEquals(256, img.width());
            assertEquals(200, img.height());
            Rectangle r = new Rectangle(37, 11, 90, 120);
            assertSameRegion(g, r, 1, img.read(r));
            assertSameRegion(g, r, 3, img.read(r, 3));
            assertThrows(IllegalArgumentException.class, () -> img.read(new Rectangle(200, 0, 57, 10)));
        }
    }

    @Test
    void tiledPyramidalTiffReadsTheFullResolutionLevel() throws Exception {
        BufferedImage g = TestImages.gradient(250, 190);
        Path tif = TestImages.pyramidalTiff(g, tmp.resolve("he_image.ome.tif"), 3);
        try (ImageIoHeImage img = ImageIoHeImage.open(tif)) {
            assertTrue(img.readerName().startsWith("com.sun.imageio"), "TwelveMonkeys cannot read regions of tiled deflate TIFFs: " + img.readerName());
            assertEquals(250, img.width());
            assertEquals(190, img.height());
            // crosses tile boundaries at 64 and 128 in both directions, and ends in a partial edge tile
            Rectangle r = new Rectangle(50, 60, 200, 130);
            assertSameRegion(g, r, 1, img.read(r));
            assertSameRegion(g, r, 4, img.read(r, 4));
            assertSameRegion(g, new Rectangle(0, 0, 1, 1), 1, img.read(new Rectangle(0, 0, 1, 1)));
        }
    }

    /** BigTIFF is beyond the JDK's reader: TwelveMonkeys serves it, and the pixel step is taken here. */
    @Test
    void stripedBigTiffGoesToTwelveMonkeys() throws Exception {
        BufferedImage g = TestImages.gradient(240, 180);
        Path big = tmp.resolve("he_image.btf");
        assertTrue(ImageIO.write(g, "BigTIFF", big.toFile()), "TwelveMonkeys BigTIFF writer");
        try (ImageIoHeImage img = ImageIoHeImage.open(big)) {
            assertTrue(img.readerName().startsWith("com.twelvemonkeys"), img.readerName());
            assertEquals(240, img.width());
            Rectangle r = new Rectangle(33, 47, 150, 101);
            assertSameRegion(g, r, 1, img.read(r));
            assertSameRegion(g, r, 3, img.read(r, 3));
            // small bands: the subsampled rows come from several region reads
            assertSameRegion(g, r, 3, img.readInBands(r, 3, 1000));
            assertSameRegion(g, r, 4, img.readInBands(r, 4, 1));
        }
    }

    @Test
    void jpegRegionsMatchTheWholeDecode() throws Exception {
        Path jpg = tmp.resolve("he.jpg");
        ImageIO.write(TestImages.gradient(160, 120), "jpeg", jpg.toFile());
        BufferedImage whole = ImageIO.read(jpg.toFile());
        try (ImageIoHeImage img = ImageIoHeImage.open(jpg)) {
            assertEquals(160, img.width());
            Rectangle r = new Rectangle(16, 24, 64, 40);
            assertSameRegion(whole, r, 1, img.read(r));
        }
    }

    @Test
    void notAnImage() throws Exception {
        Path f = tmp.resolve("he_image.tif");
        Files.writeString(f, "no pixels here");
        BundleException e = assertThrows(BundleException.class, () -> ImageIoHeImage.open(f));
        assertEquals(f, e.file());
        assertEquals("format", e.field());
        assertEquals("file", assertThrows(BundleException.class, () -> ImageIoHeImage.open(tmp.resolve("none.png"))).field());
    }
}
