package org.sigmma.ingest.simulate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

/**
 * Renders the H&amp;E image of a section tile by tile into a tiled TIFF: one row of tiles is drawn and
 * compressed in parallel, then written in order, so memory holds one row of tiles whatever the slide's
 * size. A downsampled overview (block means) is collected on the way.
 */
final class HeImageWriter {

    static final int TILE = 256;
    /** Classic TIFF up to this many raw bytes; BigTIFF beyond (deflate may not halve an H&amp;E image). */
    static final long CLASSIC_LIMIT = 3_500_000_000L;

    private HeImageWriter() {
    }

    /** The overview's downsampling step: a power of two that keeps its long side at most {@code maxSide} pixels. */
    static int overviewStep(int width, int height, int maxSide) {
        int f = 1;
        while (Math.max(width, height) / f > maxSide && f < TILE) {
            f *= 2;
        }
        return f;
    }

    /** Writes the image and returns its overview (long side at most {@code overviewSide}). */
    static BufferedImage write(SimulatedSection s, Path file, int threads, int overviewSide, DoubleConsumer progress)
            throws IOException {
        return write(s, file, threads, overviewSide, null, progress);
    }

    /**
     * As {@link #write(SimulatedSection, Path, int, int, DoubleConsumer)}, in a whole-slide {@code format}
     * (compression, tile size, BigTIFF, pyramid); null keeps the default single-level deflate OME-TIFF.
     */
    static BufferedImage write(SimulatedSection s, Path file, int threads, int overviewSide, SlideTiffWriter.Format format,
                               DoubleConsumer progress) throws IOException {
        if (format != null) {
            return writeSlide(s, file, threads, overviewSide, format, progress);
        }
        HeRenderer r = new HeRenderer(s);
        int w = r.width();
        int h = r.height();
        int f = overviewStep(w, h, overviewSide);
        int ow = (w + f - 1) / f;
        int oh = (h + f - 1) / f;
        int[] overview = new int[ow * oh];
        boolean big = 3L * w * h > CLASSIC_LIMIT;
        String ome = omeXml(w, h, s.parameters().heUmPerPx());
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try (TiledTiffWriter out = new TiledTiffWriter(file, w, h, TILE, big, ome, s.parameters().heUmPerPx())) {
            int across = out.tilesAcross();
            int down = out.tilesDown();
            for (int ty = 0; ty < down; ty++) {
                int row = ty;
                List<byte[]> tiles = pool.submit(() -> IntStream.range(0, across).parallel().mapToObj(tx -> {
                    byte[] rgb = r.renderRgb(tx * TILE, row * TILE, TILE, TILE);
                    accumulate(rgb, TILE, tx * TILE, row * TILE, w, h, f, ow, overview);
                    return TiledTiffWriter.compress(rgb, TILE, 6);
                }).toList()).get();
                for (byte[] t : tiles) {
                    out.writeTile(t);
                }
                progress.accept((ty + 1.0) / down);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(file + ": interrupted while rendering", e);
        } catch (ExecutionException e) {
            throw new IOException(file + ": rendering failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        BufferedImage img = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, ow, oh, overview, 0, ow);
        return img;
    }

    private static BufferedImage writeSlide(SimulatedSection s, Path file, int threads, int overviewSide,
                                            SlideTiffWriter.Format format, DoubleConsumer progress) throws IOException {
        HeRenderer r = new HeRenderer(s);
        int w = r.width();
        int h = r.height();
        int t = format.tile();
        int f = overviewStep(w, h, overviewSide);
        while (t % f != 0) {
            f /= 2;
        }
        int step = f;
        int ow = (w + f - 1) / f;
        int oh = (h + f - 1) / f;
        int[] overview = new int[ow * oh];
        String ome = omeXml(w, h, s.parameters().heUmPerPx());
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try (SlideTiffWriter out = new SlideTiffWriter(file, w, h, format, s.parameters().heUmPerPx(), ome)) {
            int across = out.tilesAcross();
            int down = out.tilesDown();
            for (int ty = 0; ty < down; ty++) {
                int row = ty;
                // render and write inside the pool: the writer's parallel compression runs on its threads too
                pool.submit(() -> {
                    List<byte[]> tiles = IntStream.range(0, across).parallel().mapToObj(tx -> {
                        byte[] rgb = r.renderRgb(tx * t, row * t, t, t);
                        accumulate(rgb, t, tx * t, row * t, w, h, step, ow, overview);
                        return rgb;
                    }).toList();
                    out.writeTileRow(tiles);
                    return null;
                }).get();
                progress.accept((ty + 1.0) / down);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(file + ": interrupted while rendering", e);
        } catch (ExecutionException e) {
            throw new IOException(file + ": rendering failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        BufferedImage img = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, ow, oh, overview, 0, ow);
        return img;
    }

    /** Block means of a tile into the overview; tiles cover disjoint blocks, so threads do not collide. */
    private static void accumulate(byte[] rgb, int tile, int u0, int v0, int w, int h, int f, int ow, int[] overview) {
        for (int by = 0; by < tile; by += f) {
            for (int bx = 0; bx < tile; bx += f) {
                int u = u0 + bx;
                int v = v0 + by;
                if (u >= w || v >= h) {
                    continue;
                }
                long r = 0;
                long g = 0;
                long b = 0;
                int n = 0;
                for (int y = by; y < by + f && v0 + y < h; y++) {
                    for (int x = bx; x < bx + f && u0 + x < w; x++) {
                        int o = 3 * (y * tile + x);
                        r += rgb[o] & 0xFF;
                        g += rgb[o + 1] & 0xFF;
                        b += rgb[o + 2] & 0xFF;
                        n++;
                    }
                }
                overview[(v / f) * ow + u / f] = (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
            }
        }
    }

    static String omeXml(int w, int h, double umPerPx) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.openmicroscopy.org/Schemas/OME/2016-06"
                + " http://www.openmicroscopy.org/Schemas/OME/2016-06/ome.xsd\" Creator=\"SIGMMA section simulator\">"
                + "<Image ID=\"Image:0\" Name=\"H&amp;E\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"uint8\""
                + " SizeX=\"" + w + "\" SizeY=\"" + h + "\" SizeC=\"3\" SizeZ=\"1\" SizeT=\"1\" Interleaved=\"true\""
                + " PhysicalSizeX=\"" + umPerPx + "\" PhysicalSizeY=\"" + umPerPx + "\">"
                + "<Channel ID=\"Channel:0:0\" SamplesPerPixel=\"3\"/><TiffData IFD=\"0\" PlaneCount=\"1\"/>"
                + "</Pixels></Image></OME>";
    }
}
