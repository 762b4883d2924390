package org.sigmma.ingest.image.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sigmma.ingest.image.ImageIoHeImage;
import org.sigmma.ingest.image.TestImagesAccess;
import org.sigmma.store.TempDirs;

/** The TIFF reader against the JDK's own TIFF reader, on classic TIFFs the JDK's writer wrote. */
class TiffHeImageTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    static int maxDifference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    worst = Math.max(worst, Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF)));
                }
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}, tile {1}")
    @CsvSource({"none, 64", "none, 0", "Deflate, 64", "Deflate, 0", "LZW, 64", "LZW, 0", "PackBits, 48", "PackBits, 0",
            "JPEG, 64", "JPEG, 0"})
    void regionsEqualTheJdkReader(String compression, int tile) throws Exception {
        BufferedImage img = TestImagesAccess.pattern(301, 203);
        Path f = TestImagesAccess.jdkTiff(img, tmp.resolve(compression + tile + ".tif"),
                "none".equals(compression) ? null : compression, tile, 1);
        boolean lossy = "JPEG".equals(compression);
        try (TiffHeImage mine = TiffHeImage.open(f); ImageIoHeImage jdk = ImageIoHeImage.open(f)) {
            assertTrue(jdk.readerName().startsWith("com.sun.imageio"), jdk.readerName());
            assertEquals(301, mine.width());
            assertEquals(203, mine.height());
            for (Rectangle r : new Rectangle[] {new Rectangle(0, 0, 301, 203), new Rectangle(50, 60, 200, 130),
                    new Rectangle(63, 63, 2, 2), new Rectangle(300, 202, 1, 1)}) {
                for (int step : new int[] {1, 3}) {
                    int d = maxDifference(jdk.read(r, step), mine.read(r, step));
                    // JPEG: the same coefficients, decoded by the same libjpeg, converted to RGB by two formulas
                    assertTrue(d <= (lossy ? 2 : 0), compression + " " + r + " step " + step + ": differs by " + d);
                }
            }
            if (!lossy) {
                assertEquals(0, maxDifference(img, mine.read(new Rectangle(0, 0, 301, 203))));
            }
        }
    }
}
