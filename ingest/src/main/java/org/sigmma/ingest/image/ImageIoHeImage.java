package org.sigmma.ingest.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.sigmma.ingest.xenium.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H&amp;E image file read through ImageIO: TIFF (TwelveMonkeys: tiled, striped, pyramidal OME-TIFF, whose
 * image 0 is the full resolution), PNG and JPEG. Only the requested regions are decoded
 * ({@link ImageReadParam#setSourceRegion}), so a slide-sized image never sits in memory. The file stays open
 * until {@link #close()}; reads are serialised because an ImageReader is not thread-safe.
 */
public final class ImageIoHeImage implements HeImageSource {

    private static final Logger LOG = LoggerFactory.getLogger(ImageIoHeImage.class);

    static {
        // plugins on the class path of another class loader (servers, test runners) register here too
        ImageIO.scanForPlugins();
    }

    private final Path file;
    private final ImageInputStream stream;
    private final ImageReader reader;
    private final int width;
    private final int height;

    private ImageIoHeImage(Path file, ImageInputStream stream, ImageReader reader) throws IOException {
        this.file = file;
        this.stream = stream;
        this.reader = reader;
        this.width = reader.getWidth(0);
        this.height = reader.getHeight(0);
    }

    public static ImageIoHeImage open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "file", "missing");
        }
        ImageInputStream in = null;
        try {
            in = ImageIO.createImageInputStream(file.toFile());
            if (in == null) {
                throw new BundleException(file, "file", "cannot open as an image stream");
            }
            ImageReader chosen = null;
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            while (it.hasNext()) {
                ImageReader r = it.next();
                // the JDK's own TIFF reader lacks some compressions that slide scanners write
                if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys")) {
                    if (chosen != null) {
                        chosen.dispose();
                    }
                    chosen = r;
                } else {
                    r.dispose();
                }
            }
            if (chosen == null) {
                throw new BundleException(file, "format", "no ImageIO reader recognises this file (TIFF, PNG and JPEG are supported)");
            }
            chosen.setInput(in, false, true);
            ImageIoHeImage img = new ImageIoHeImage(file, in, chosen);
            LOG.debug("{}: {} x {} pixels via {}", file, img.width, img.height, chosen.getClass().getName());
            return img;
        } catch (IOException | RuntimeException e) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the open failure is the one to report
                }
            }
            if (e instanceof BundleException be) {
                throw be;
            }
            throw new BundleException(file, "format", "cannot read the image header: " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public BufferedImage read(Rectangle pixelRegion) {
        return read(pixelRegion, 1);
    }

    @Override
    public synchronized BufferedImage read(Rectangle r, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1: " + step);
        }
        if (r.isEmpty() || r.x < 0 || r.y < 0 || (long) r.x + r.width > width || (long) r.y + r.height > height) {
            throw new IllegalArgumentException(file + ": region " + r + " is not inside the " + width + " x " + height + " image");
        }
        ImageReadParam p = reader.getDefaultReadParam();
        p.setSourceRegion(r);
        if (step > 1) {
            p.setSourceSubsampling(step, step, 0, 0);
        }
        try {
            return reader.read(0, p);
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file, "pixels", "cannot decode region " + r + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        reader.dispose();
        try {
            stream.close();
        } catch (IOException e) {
            LOG.warn("{}: closing: {}", file, e.toString());
        }
    }
}
