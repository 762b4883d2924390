package org.sigmma.ingest.image.tiff;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sigmma.ingest.image.HeImageSource;
import org.sigmma.ingest.image.TestImagesAccess;
import org.sigmma.ingest.simulate.HeOmeXml;
import org.sigmma.ingest.simulate.SlideTiffWriter;

/**
 * Writes one slide per compression and layout into a folder, with every level as this reader decodes it
 * (raw interleaved RGB) and a manifest, for bench/python/tiff_crosscheck.py to compare with tifffile.
 * {@code java ... org.sigmma.ingest.image.tiff.TiffCrossCheck OUT_DIR}
 */
public final class TiffCrossCheck {

    private TiffCrossCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        BufferedImage busy = TestImagesAccess.pattern(700, 500);
        BufferedImage smooth = SlideTiffRoundTripTest.smooth(700, 500);
        try (PrintWriter m = new PrintWriter(Files.newBufferedWriter(out.resolve("manifest.tsv")))) {
            m.println("file\tlevel\tdirectory\twidth\theight\tlossy\tpixels");
            for (String c : new String[] {"none", "Deflate", "LZW", "PackBits", "JPEG"}) {
                for (int tile : new int[] {0, 128}) {
                    String name = "jdk-" + (tile == 0 ? "strips" : "tiled") + "-" + c.toLowerCase() + ".tif";
                    Path f = TestImagesAccess.jdkTiff("JPEG".equals(c) ? smooth : busy, out.resolve(name),
                            "none".equals(c) ? null : c, tile, 1);
                    dump(f, m, "JPEG".equals(c));
                }
            }
            String[] specs = {"none,tile=128,levels=3,layout=subifds,big", "deflate,tile=128,levels=3,layout=subifds,big",
                    "lzw,tile=128,levels=3,layout=chain,big", "packbits,tile=128,levels=3,layout=chain,classic",
                    "deflate,strips=64,levels=2,layout=chain,big", "lzw,strips=32,levels=1,big",
                    "jpeg,tile=128,levels=3,layout=subifds,big", "jpeg,tile=128,levels=3,layout=aperio,big",
                    "deflate,tile=128,levels=3,layout=aperio,big", "jpeg,strips=64,levels=1,classic"};
            for (String spec : specs) {
                SlideTiffWriter.Format f = SlideTiffWriter.Format.parse(spec);
                boolean jpeg = f.compression() == SlideTiffWriter.Compression.JPEG;
                String name = "sim-" + spec.replace(',', '-').replace("=", "") + ".tif";
                String ome = f.layout() == SlideTiffWriter.Layout.SUBIFDS ? HeOmeXml.of(700, 500, 0.25) : null;
                Path file = SlideTiffRoundTripTest.write(jpeg ? smooth : busy, out.resolve(name), f, 0.25, ome);
                dump(file, m, jpeg);
            }
        }
        System.out.println("wrote " + out);
    }

    private static void dump(Path f, PrintWriter m, boolean lossy) throws IOException {
        try (TiffHeImage img = TiffHeImage.open(f)) {
            for (int l = 0; l < img.levelCount(); l++) {
                HeImageSource level = img.level(l);
                BufferedImage px = level.read(new Rectangle(0, 0, level.width(), level.height()));
                byte[] rgb = new byte[3 * level.width() * level.height()];
                int[] row = new int[level.width()];
                for (int y = 0; y < level.height(); y++) {
                    px.getRGB(0, y, level.width(), 1, row, 0, level.width());
                    for (int x = 0; x < row.length; x++) {
                        int o = 3 * (y * row.length + x);
                        rgb[o] = (byte) (row[x] >> 16);
                        rgb[o + 1] = (byte) (row[x] >> 8);
                        rgb[o + 2] = (byte) row[x];
                    }
                }
                String bin = f.getFileName() + ".L" + l + ".rgb";
                Files.write(f.resolveSibling(bin), rgb);
                m.println(f.getFileName() + "\t" + l + "\t" + img.levelDirectory(l) + "\t" + level.width() + "\t"
                        + level.height() + "\t" + lossy + "\t" + bin);
            }
        }
    }
}
