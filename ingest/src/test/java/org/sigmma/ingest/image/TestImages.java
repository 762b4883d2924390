package org.sigmma.ingest.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Synthetic images with known content, written as PNG and as tiled, pyramidal TIFF. */
final class TestImages {

    private TestImages() {
    }

    /** Red = x, green = y, blue = 128: bilinear sampling reproduces this exactly, so positions can be read off. */
    static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x << 16) | (y << 8) | 128);
            }
        }
        return img;
    }

    /** White with one pure blue square of side {@code s} whose top-left pixel is (x0, y0). */
    static BufferedImage square(int w, int h, int x0, int y0, int s) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = x >= x0 && x < x0 + s && y >= y0 && y < y0 + s;
                img.setRGB(x, y, in ? 0x0000FF : 0xFFFFFF);
            }
        }
        return img;
    }

    static Path png(BufferedImage img, Path file) throws IOException {
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /**
     * A tiled (64 x 64), deflate-compressed TIFF whose first image is {@code full} and whose further pages are
     * half-size levels, as pyramidal OME-TIFFs store them. Written with the JDK's TIFF writer, which can tile.
     */
    static Path pyramidalTiff(BufferedImage full, Path file, int levels) throws IOException {
        return jdkTiff(full, file, "Deflate", 64, levels);
    }

    /** Busy content (every pixel differs from its neighbours, some runs): compressors and predictors get work. */
    static BufferedImage pattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 7 + y * 3) & 0xFF;
                int g = (x ^ y) & 0xFF;
                int b = ((x / 5) % 3 == 0) ? 230 : (x * y) & 0xFF;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /**
     * Written by the JDK's TIFF writer (an independent writer): {@code compression} is one of its names
     * ("Deflate", "LZW", "PackBits", "JPEG") or null for none; {@code tile} 0 writes strips.
     */
    static Path jdkTiff(BufferedImage full, Path file, String compression, int tile, int levels) throws IOException {
        ImageWriter writer = null;
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio")) {
                writer = w;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("the JDK TIFF writer is not available");
        }
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (tile > 0) {
                p.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
                p.setTiling(tile, tile, 0, 0);
            }
            if (compression == null) {
                p.setCompressionMode(ImageWriteParam.MODE_DISABLED);
            } else {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionType(compression);
            }
            writer.prepareWriteSequence(null);
            BufferedImage level = full;
            for (int l = 0; l < levels; l++) {
                writer.writeToSequence(new IIOImage(level, null, null), p);
                level = half(level);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }

    /** A half-size level with its own content (inverted), so reading the wrong level shows. */
    private static BufferedImage half(BufferedImage img) {
        BufferedImage out = new BufferedImage(Math.max(1, img.getWidth() / 2), Math.max(1, img.getHeight() / 2),
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, ~img.getRGB(2 * x, 2 * y) & 0xFFFFFF);
            }
        }
        return out;
    }
}
