package org.sigmma.ingest.image.tiff;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.sigmma.ingest.image.Affine;
import org.sigmma.ingest.image.HeCropper;
import org.sigmma.ingest.simulate.HeOmeXml;
import org.sigmma.ingest.simulate.SlideTiffWriter;

/**
 * The image side of ingest on a whole-slide pyramid, in bounded memory (docs/performance.md).
 * {@code write FILE W H UM_PER_PX}: a synthetic-pattern BigTIFF OME pyramid, JPEG 512 x 512 tiles (the H&amp;E
 * renderer would take far longer on two cores; the reader's work does not depend on the content).
 * {@code cut FILE OUT_DIR}: cuts every 128 um tile of the slide at 0.5 um/px (256 px) as SectionLoader does
 * (HeCropper, pyramid level choice, one PNG per tile) and prints time, peak heap and peak RSS.
 */
public final class SlideCutBenchmark {

    private SlideCutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("write")) {
            write(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Double.parseDouble(args[4]));
        } else {
            cut(Path.of(args[1]), Path.of(args[2]));
        }
    }

    static void write(Path file, int w, int h, double umPerPx) throws Exception {
        long t0 = System.nanoTime();
        SlideTiffWriter.Format f = new SlideTiffWriter.Format(SlideTiffWriter.Compression.JPEG, 512, false, true, 5,
                SlideTiffWriter.Layout.SUBIFDS, 0.85f);
        try (SlideTiffWriter out = new SlideTiffWriter(file, w, h, f, umPerPx, HeOmeXml.of(w, h, umPerPx))) {
            for (int ty = 0; ty < out.tilesDown(); ty++) {
                int row = ty;
                List<byte[]> tiles = IntStream.range(0, out.tilesAcross()).parallel().mapToObj(tx -> tile(tx * 512, row * 512))
                        .toList();
                out.writeTileRow(tiles);
            }
        }
        System.out.printf(Locale.ROOT, "wrote %s: %d x %d, %d MB, %.1f s%n", file, w, h, Files.size(file) >> 20,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Pink and purple bands and blobs from integer arithmetic only. */
    private static byte[] tile(int x0, int y0) {
        byte[] rgb = new byte[512 * 512 * 3];
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                int u = x0 + x;
                int v = y0 + y;
                int a = ((u / 37 + v / 53) & 63) + (((u >> 6) ^ (v >> 6)) & 15);
                int o = 3 * (y * 512 + x);
                rgb[o] = (byte) (235 - a);
                rgb[o + 1] = (byte) (215 - 2 * a);
                rgb[o + 2] = (byte) (230 - a / 2);
            }
        }
        return rgb;
    }

    static void cut(Path file, Path outDir) throws Exception {
        Files.createDirectories(outDir);
        long[] peakHeap = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP) {
                        used += p.getUsage().getUsed();
                    }
                }
                peakHeap[0] = Math.max(peakHeap[0], used);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        int tiles = 0;
        try (TiffHeImage slide = TiffHeImage.open(file)) {
            double um = slide.calibration().orElseThrow().umPerPx();
            Affine toUm = Affine.scale(um);
            double wUm = slide.width() * um;
            double hUm = slide.height() * um;
            for (double y = 0; y < hUm; y += 128) {
                for (double x = 0; x < wUm; x += 128) {
                    BufferedImage t = HeCropper.crop(slide, toUm, x, y, 128, 256);
                    ImageIO.write(t, "png", outDir.resolve(tiles + ".png").toFile());
                    tiles++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            long poolPeak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    poolPeak += p.getPeakUsage().getUsed();
                }
            }
            String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().orElse("VmHWM: ?");
            System.out.printf(Locale.ROOT, "cut %s (%d x %d, %d levels): %d tiles in %.1f s (%.1f ms/tile), %d tiles "
                            + "decoded; peak heap sampled %d MB, pool peaks %d MB, max heap %d MB; %s%n", file.getFileName(),
                    slide.width(), slide.height(), slide.levelCount(), tiles, s, 1000 * s / tiles, slide.decodedTiles(),
                    peakHeap[0] >> 20, poolPeak >> 20, Runtime.getRuntime().maxMemory() >> 20, hwm.replaceAll("\\s+", " "));
        }
        List<Path> left = new ArrayList<>();
        try (var st = Files.list(outDir)) {
            st.forEach(left::add);
        }
        for (Path p : left) {
            Files.delete(p);
        }
    }
}
