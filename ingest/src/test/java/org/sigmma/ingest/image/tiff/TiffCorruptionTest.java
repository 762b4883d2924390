package org.sigmma.ingest.image.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.image.HeImages;
import org.sigmma.ingest.image.TestImagesAccess;
import org.sigmma.ingest.simulate.SlideTiffWriter;
import org.sigmma.ingest.xenium.BundleException;
import org.sigmma.store.TempDirs;

/** Truncated, corrupted and mislabelled slides: one error naming the file and the directory, at open where possible. */
class TiffCorruptionTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    private Path slide(String spec) throws Exception {
        return SlideTiffRoundTripTest.write(TestImagesAccess.pattern(300, 200), tmp.resolve("slide.tif"),
                SlideTiffWriter.Format.parse(spec), 0.25, null);
    }

    /** A BigTIFF directory entry: tag, type, count 1, then its inline value. */
    private static byte[] entry(int tag, int type, long value) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) type).putLong(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0).putInt(0);
        } else {
            b.putInt((int) value).putInt(0);
        }
        return b.array();
    }

    /** Replaces the only occurrence of {@code from} in the file. */
    private static void patch(Path f, byte[] from, byte[] to) throws Exception {
        byte[] b = Files.readAllBytes(f);
        int at = -1;
        for (int i = 0; i + from.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + from.length, from, 0, from.length)) {
                assertEquals(-1, at, "pattern occurs twice");
                at = i;
            }
        }
        assertTrue(at >= 0, "pattern not found");
        System.arraycopy(to, 0, b, at, to.length);
        Files.write(f, b);
    }

    private static BundleException refused(Path f, String directory, String... words) {
        BundleException e = assertThrows(BundleException.class, () -> HeImages.open(f).close());
        assertEquals(f, e.file());
        assertEquals(directory, e.field(), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), e.getMessage());
        }
        return e;
    }

    @Test
    void truncatedDirectories() throws Exception {
        Path f = slide("deflate,tile=64,levels=2,layout=chain,big");
        byte[] b = Files.readAllBytes(f);
        // the directories are written last: cutting the tail cuts into the last one
        Files.write(f, Arrays.copyOf(b, b.length - 40));
        refused(f, "IFD 1", "past the end of the file");
    }

    @Test
    void tileOffsetsPastTheEnd() throws Exception {
        // the JDK's writer puts the directory first: cutting the file leaves tile offsets pointing past its end
        Path f = TestImagesAccess.jdkTiff(TestImagesAccess.pattern(300, 200), tmp.resolve("jdk.tif"), "Deflate", 64, 1);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length / 2));
        refused(f, "IFD 0", "run past the end of the file", "truncated");
    }

    @Test
    void wrongCompressionTag() throws Exception {
        Path f = slide("deflate,tile=64,levels=1,big");
        patch(f, entry(259, 3, 8), entry(259, 3, 5));
        refused(f, "IFD 0", "tile 0", "LZW", "does not decode");
        Path g = slide("deflate,tile=64,levels=1,big");
        patch(g, entry(259, 3, 8), entry(259, 3, 7));
        refused(g, "IFD 0", "JPEG", "does not decode");
        Path h = slide("deflate,tile=64,levels=1,big");
        patch(h, entry(259, 3, 8), entry(259, 3, 1));
        refused(h, "IFD 0", "uncompressed data", "compression tag");
    }

    @Test
    void jpeg2000IsRefusedByName() throws Exception {
        Path f = slide("none,tile=64,levels=1,big");
        patch(f, entry(259, 3, 1), entry(259, 3, 33005));
        refused(f, "IFD 0", "JPEG 2000", "33005", "not supported");
    }

    @Test
    void aPyramidLevelOfTheWrongSize() throws Exception {
        Path f = slide("deflate,tile=64,levels=3,layout=subifds,big");
        // level 1 is 150 x 100; say 150 x 60
        patch(f, entry(257, 4, 100), entry(257, 4, 60));
        refused(f, "IFD 0 SubIFD 0", "pyramid level of 150 x 60", "300 x 200");
        Path g = slide("deflate,tile=64,levels=3,layout=chain,big");
        patch(g, entry(256, 4, 75), entry(256, 4, 40));
        refused(g, "IFD 2", "pyramid level of 40 x 50");
    }

    @Test
    void corruptDataInsideTheSlideFailsTheReadThatMeetsIt() throws Exception {
        Path f = slide("deflate,tile=64,levels=1,big");
        try (TiffHeImage ok = TiffHeImage.open(f)) {
            assertEquals(300, ok.width());
        }
        // garble the middle of the pixel data: the first and last tiles (checked at open) stay intact
        byte[] b = Files.readAllBytes(f);
        for (int i = b.length / 3; i < b.length / 3 + 64; i++) {
            b[i] ^= 0x5A;
        }
        Files.write(f, b);
        try (TiffHeImage img = TiffHeImage.open(f)) {
            BundleException e = assertThrows(BundleException.class, () -> img.read(new Rectangle(0, 0, 300, 200)));
            assertEquals(f, e.file());
            assertEquals("IFD 0", e.field());
            assertTrue(e.getMessage().contains("does not decode"), e.getMessage());
        }
    }

    @Test
    void notATiffAtAll() throws Exception {
        Path f = tmp.resolve("x.tif");
        Files.write(f, new byte[] {'I', 'I', 42, 0, 0x10, 0, 0, 0});
        refused(f, "IFD 0", "outside the file");
    }
}
