package org.sigmma.ingest.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.sigmma.ingest.xenium.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H&amp;E image file read through ImageIO: TIFF (tiled or striped, pyramidal OME-TIFF whose image 0 is the
 * full resolution, BigTIFF), PNG and JPEG. Only the requested regions are decoded
 * ({@link ImageReadParam#setSourceRegion}), so a slide-sized image never sits in memory. The file stays open
 * until {@link #close()}; reads are serialised because an ImageReader is not thread-safe.
 *
 * <p>Which TIFF reader: the JDK's own TIFF reader decodes only the tiles a region touches and handles source
 * regions and subsampling correctly; TwelveMonkeys 3.15 fails on source regions of tiled TIFFs that are not
 * JPEG-compressed and subsamples wrongly (haraldk/TwelveMonkeys#746, checked here). So the JDK reader is tried
 * first, and TwelveMonkeys serves what the JDK cannot open, BigTIFF above all. Every candidate must decode a
 * probe pixel at open; with a reader other than the JDK's, subsampling is done here, not by the reader.
 */
public final class ImageIoHeImage implements HeImageSource {

    private static final Logger LOG = LoggerFactory.getLogger(ImageIoHeImage.class);

    static {
        // plugins on the class path of another class loader (servers, test runners) register here too
        ImageIO.scanForPlugins();
    }

    /** Pixels decoded at once when subsampling here (64 MiB as int RGB). */
    private static final int BAND_PIXELS = 1 << 24;

    private final Path file;
    private final ImageInputStream stream;
    private final ImageReader reader;
    private final boolean readerSubsamples;
    private final int width;
    private final int height;

    private ImageIoHeImage(Path file, ImageInputStream stream, ImageReader reader, int width, int height) {
        this.file = file;
        this.stream = stream;
        this.reader = reader;
        this.readerSubsamples = isJdk(reader);
        this.width = width;
        this.height = height;
    }

    private static boolean isJdk(ImageReader r) {
        return r.getClass().getName().startsWith("com.sun.imageio.");
    }

    public static ImageIoHeImage open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "file", "missing");
        }
        ImageInputStream in;
        try {
            in = ImageIO.createImageInputStream(file.toFile());
        } catch (IOException e) {
            throw new BundleException(file, "file", "cannot open: " + e, e);
        }
        if (in == null) {
            throw new BundleException(file, "file", "cannot open as an image stream");
        }
        List<ImageReader> candidates = new ArrayList<>();
        Iterator<ImageReader> it = ImageIO.getImageReaders(in);
        it.forEachRemaining(candidates::add);
        candidates.sort(Comparator.comparingInt(r -> isJdk(r) ? 0 : 1));
        List<String> failures = new ArrayList<>();
        ImageIoHeImage opened = null;
        for (ImageReader r : candidates) {
            if (opened != null) {
                r.dispose();
                continue;
            }
            try {
                in.seek(0);
                r.setInput(in, false, true);
                int w = r.getWidth(0);
                int h = r.getHeight(0);
                // a probe pixel away from the origin: a reader that cannot decode regions fails here, not mid-ingest
                ImageReadParam p = r.getDefaultReadParam();
                p.setSourceRegion(new Rectangle(w / 2, h / 2, 1, 1));
                r.read(0, p);
                opened = new ImageIoHeImage(file, in, r, w, h);
                LOG.debug("{}: {} x {} pixels via {}", file, w, h, r.getClass().getName());
            } catch (IOException | RuntimeException e) {
                failures.add(r.getClass().getName() + ": " + e);
                r.dispose();
            }
        }
        if (opened == null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the open failure is the one to report
            }
            throw new BundleException(file, "format", candidates.isEmpty()
                    ? "no ImageIO reader recognises this file (TIFF, PNG and JPEG are supported)"
                    : "no reader can decode regions of it: " + failures);
        }
        if (!failures.isEmpty()) {
            LOG.debug("{}: readers passed over: {}", file, failures);
        }
        return opened;
    }

    /** The ImageIO reader in use. */
    public String readerName() {
        return reader.getClass().getName();
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
    public BufferedImage read(Rectangle r, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1: " + step);
        }
        if (r.isEmpty() || r.x < 0 || r.y < 0 || (long) r.x + r.width > width || (long) r.y + r.height > height) {
            throw new IllegalArgumentException(file + ": region " + r + " is not inside the " + width + " x " + height + " image");
        }
        if (step > 1 && !readerSubsamples) {
            return readInBands(r, step, BAND_PIXELS);
        }
        ImageReadParam p = reader.getDefaultReadParam();
        p.setSourceRegion(r);
        if (step > 1) {
            p.setSourceSubsampling(step, step, 0, 0);
        }
        synchronized (this) {
            try {
                return reader.read(0, p);
            } catch (IOException | RuntimeException e) {
                throw new BundleException(file, "pixels", "cannot decode region " + r + ": " + e, e);
            }
        }
    }

    /** Subsampling done here, a band of rows at a time, so a coarse read of a wide region stays small in memory. */
    BufferedImage readInBands(Rectangle r, int step, int bandPixels) {
        int w = (r.width + step - 1) / step;
        int h = (r.height + step - 1) / step;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int outRowsPerBand = Math.max(1, bandPixels / Math.max(1, r.width) / step);
        for (int l0 = 0; l0 < h; l0 += outRowsPerBand) {
            int l1 = Math.min(h, l0 + outRowsPerBand);
            int y0 = r.y + l0 * step;
            int rows = (l1 - 1 - l0) * step + 1;
            BufferedImage band = read(new Rectangle(r.x, y0, r.width, rows), 1);
            for (int l = l0; l < l1; l++) {
                for (int k = 0; k < w; k++) {
                    out.setRGB(k, l, band.getRGB(k * step, (l - l0) * step));
                }
            }
        }
        return out;
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
