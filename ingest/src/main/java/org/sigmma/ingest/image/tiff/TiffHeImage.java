package org.sigmma.ingest.image.tiff;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sigmma.ingest.image.HeImageSource;
import org.sigmma.ingest.image.PixelCalibration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole-slide H&amp;E TIFF read tile by tile: classic TIFF or BigTIFF, tiled or striped, uncompressed, deflate,
 * LZW, PackBits or JPEG (tables shared in the directory, YCbCr or RGB), 8-bit RGB or RGBA; pyramid levels from
 * SubIFDs (OME-TIFF) or further directories (Aperio SVS and older pyramids). A region read decodes only the tiles
 * it touches, and decoded tiles are kept in a small cache (adjacent crops share tiles), so memory stays bounded
 * whatever the slide's size. JPEG 2000 tiles (Aperio 33003/33005) are refused: no maintained decoder is served
 * by Maven Central.
 *
 * <p>Everything that can be checked without decoding every tile is checked at {@link #open}: directories, tags,
 * tile offsets against the file size, level sizes, and one decoded tile at each end of each level (which catches
 * a wrong compression tag); errors name the file and the directory.
 */
public final class TiffHeImage implements HeImageSource {

    private static final Logger LOG = LoggerFactory.getLogger(TiffHeImage.class);

    /** Decoded tiles kept, in bytes (int RGB): four rows of 512-pixel tiles across a 40,000-pixel slide. */
    static final long DEFAULT_CACHE_BYTES = 64L << 20;
    /** A tile or strip decodes at once; past this, a striped slide cannot be read in bounded memory. */
    private static final long MAX_TILE_BYTES = 256L << 20;

    private final TiffFile tiff;
    private final List<Level> levels;
    private final Optional<PixelCalibration> calibration;
    private final String layout;
    private final Map<Long, int[]> cache;
    private final long cacheBytes;
    private long cached;
    private long decodedTiles;

    private TiffHeImage(TiffFile tiff, List<Level> levels, Optional<PixelCalibration> calibration, String layout,
                        long cacheBytes) {
        this.tiff = tiff;
        this.levels = levels;
        this.calibration = calibration;
        this.layout = layout;
        this.cacheBytes = cacheBytes;
        this.cache = new LinkedHashMap<>(64, 0.75f, true);
    }

    public static TiffHeImage open(Path file) {
        return open(file, DEFAULT_CACHE_BYTES);
    }

    static TiffHeImage open(Path file, long cacheBytes) {
        TiffFile t = TiffFile.open(file);
        try {
            List<TiffFile.Directory> dirs = t.directories();
            TiffFile.Directory d0 = dirs.get(0);
            String description = d0.string(270);
            boolean aperio = description != null && description.startsWith("Aperio");
            List<Level> levels = new ArrayList<>();
            Level base = new Level(t, d0, 0);
            levels.add(base);
            String layout;
            if (!d0.subIfds().isEmpty()) {
                layout = "pyramid in SubIFDs";
                for (TiffFile.Directory s : d0.subIfds()) {
                    levels.add(declaredLevel(t, s, base, levels.size()));
                }
            } else {
                layout = aperio ? "Aperio" : dirs.size() > 1 ? "pyramid in the directory chain" : "single level";
                for (int i = 1; i < dirs.size(); i++) {
                    TiffFile.Directory d = dirs.get(i);
                    boolean tiled = d.has(322);
                    boolean reduced = (d.first(254, 0) & 1) == 1;
                    // Aperio keeps its thumbnail, label and macro as strips and its levels as tiles (OpenSlide's rule)
                    boolean declared = aperio ? tiled : reduced;
                    if (declared) {
                        levels.add(declaredLevel(t, d, base, levels.size()));
                    } else if (!aperio && tiled == base.tiled && samplesOf(d) == base.samples
                            && consistent(base, d.first(256, 0), d.first(257, 0))) {
                        levels.add(declaredLevel(t, d, base, levels.size()));
                    } else {
                        LOG.debug("{}: {} ({} x {}) is not a level of the pyramid, skipped", file, d.name(),
                                d.first(256, 0), d.first(257, 0));
                    }
                }
            }
            levels.sort(Comparator.comparingLong((Level l) -> -(long) l.width));
            for (int i = 1; i < levels.size(); i++) {
                Level a = levels.get(i - 1);
                Level b = levels.get(i);
                if (b.width >= a.width || b.height >= a.height) {
                    throw b.dir.error("a pyramid level of " + b.width + " x " + b.height + " pixels is not smaller than "
                            + a.dir.name() + " (" + a.width + " x " + a.height + ")");
                }
            }
            if (levels.get(0) != base) {
                throw levels.get(0).dir.error("a pyramid level larger than the first image (" + base.width + " x "
                        + base.height + ")");
            }
            List<Level> indexed = new ArrayList<>();
            for (int i = 0; i < levels.size(); i++) {
                indexed.add(levels.get(i).withIndex(i));
            }
            Optional<PixelCalibration> cal = calibration(t, d0, description, aperio);
            TiffHeImage img = new TiffHeImage(t, List.copyOf(indexed), cal, layout, cacheBytes);
            for (Level l : img.levels) {
                // a wrong compression tag or garbage data shows in the first or last tile
                img.tile(l, 0);
                img.tile(l, l.offsets.length - 1);
            }
            LOG.debug("{}: {} x {} pixels, {}, {} level(s), {}", file, base.width, base.height, layout, levels.size(),
                    cal.map(c -> c.umPerPx() + " um/px from " + c.source()).orElse("no pixel size in the file"));
            return img;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private static int samplesOf(TiffFile.Directory d) {
        return (int) d.first(277, 1);
    }

    /** A level's size agrees with one downsampling factor on both axes, to a pixel of rounding each. */
    private static boolean consistent(Level base, long w, long h) {
        if (w < 1 || h < 1 || w > base.width || h > base.height) {
            return false;
        }
        return Math.abs(w * (double) base.height - h * (double) base.width) <= base.width + base.height;
    }

    private static Level declaredLevel(TiffFile t, TiffFile.Directory d, Level base, int index) {
        long w = d.first(256, 0);
        long h = d.first(257, 0);
        if (!consistent(base, w, h)) {
            throw d.error(String.format(Locale.ROOT, "a pyramid level of %d x %d pixels does not match the %d x %d "
                    + "full-resolution image downsampled (%.3f across, %.3f down)", w, h, base.width, base.height,
                    base.width / (double) w, base.height / (double) h));
        }
        Level l = new Level(t, d, index);
        if (l.samples != base.samples) {
            throw d.error("a pyramid level with " + l.samples + " samples per pixel, the full resolution has " + base.samples);
        }
        return l;
    }

    private static final Pattern OME_PIXELS = Pattern.compile("<(?:\\w+:)?Pixels\\s[^>]*>", Pattern.DOTALL);
    private static final Pattern APERIO_MPP = Pattern.compile("\\|\\s*MPP\\s*=\\s*([0-9.eE+-]+)");

    private static Optional<PixelCalibration> calibration(TiffFile t, TiffFile.Directory d0, String description,
                                                          boolean aperio) {
        if (description != null && description.contains("<OME")) {
            Matcher m = OME_PIXELS.matcher(description);
            if (m.find()) {
                String px = m.group();
                double x = omeLength(t, d0, px, "PhysicalSizeX");
                double y = omeLength(t, d0, px, "PhysicalSizeY");
                if (x > 0 && y > 0) {
                    return Optional.of(new PixelCalibration(x, y, "OME-XML PhysicalSizeX/Y"));
                }
                if (x > 0) {
                    return Optional.of(new PixelCalibration(x, x, "OME-XML PhysicalSizeX"));
                }
            }
        }
        if (aperio) {
            Matcher m = APERIO_MPP.matcher(description);
            if (m.find()) {
                double mpp = parse(t, d0, m.group(1), "Aperio MPP");
                return Optional.of(new PixelCalibration(mpp, mpp, "Aperio MPP"));
            }
        }
        long unit = d0.first(296, 2);
        double xr = d0.number(282);
        double yr = d0.number(283);
        if ((unit == 2 || unit == 3) && xr > 0) {
            double perUnit = unit == 2 ? 25_400 : 10_000;
            double x = perUnit / xr;
            double y = yr > 0 ? perUnit / yr : x;
            // 72 or 96 dpi is a screen default, not a scan: nothing coarser than 50 um/px is taken for microscopy
            if (x <= 50 && y <= 50) {
                return Optional.of(new PixelCalibration(x, y, "TIFF XResolution/YResolution"));
            }
        }
        return Optional.empty();
    }

    private static double omeLength(TiffFile t, TiffFile.Directory d0, String pixels, String attribute) {
        Matcher v = Pattern.compile("\\s" + attribute + "=\"([^\"]*)\"").matcher(pixels);
        if (!v.find()) {
            return Double.NaN;
        }
        double value = parse(t, d0, v.group(1), "OME " + attribute);
        Matcher u = Pattern.compile("\\s" + attribute + "Unit=\"([^\"]*)\"").matcher(pixels);
        String unit = u.find() ? u.group(1) : "µm";
        double toUm = switch (unit) {
            case "µm", "um", "\u03bcm", "micron" -> 1;
            case "nm" -> 1e-3;
            case "mm" -> 1e3;
            case "cm" -> 1e4;
            case "m" -> 1e6;
            case "Å" -> 1e-4;
            default -> throw d0.error("OME " + attribute + "Unit \"" + unit + "\" is not a length unit this reader knows");
        };
        return value * toUm;
    }

    private static double parse(TiffFile t, TiffFile.Directory d0, String s, String what) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!(v > 0) || !Double.isFinite(v)) {
                throw d0.error(what + " is " + s + ", not a positive pixel size");
            }
            return v;
        } catch (NumberFormatException e) {
            throw d0.error(what + " is \"" + s + "\", not a number");
        }
    }

    // ---- one resolution level ----------------------------------------------------------------------------

    private static final class Level {
        final TiffFile.Directory dir;
        final int index;
        final int width;
        final int height;
        final boolean tiled;
        final int tileW;
        final int tileH;
        final int across;
        final long[] offsets;
        final long[] counts;
        final int compression;
        final boolean ycbcr;
        final int samples;
        /** 0: no alpha, 1: associated (premultiplied), 2: unassociated. */
        final int alpha;
        final int predictor;
        final byte[] jpegTables;

        private Level(Level l, int index) {
            this.dir = l.dir;
            this.index = index;
            this.width = l.width;
            this.height = l.height;
            this.tiled = l.tiled;
            this.tileW = l.tileW;
            this.tileH = l.tileH;
            this.across = l.across;
            this.offsets = l.offsets;
            this.counts = l.counts;
            this.compression = l.compression;
            this.ycbcr = l.ycbcr;
            this.samples = l.samples;
            this.alpha = l.alpha;
            this.predictor = l.predictor;
            this.jpegTables = l.jpegTables;
        }

        Level withIndex(int i) {
            return new Level(this, i);
        }

        Level(TiffFile t, TiffFile.Directory d, int index) {
            this.dir = d;
            this.index = index;
            long w = d.first(256, 0);
            long h = d.first(257, 0);
            if (w < 1 || h < 1 || w > Integer.MAX_VALUE / 2 || h > Integer.MAX_VALUE / 2) {
                throw d.error("image size " + w + " x " + h + " is missing or out of range");
            }
            width = (int) w;
            height = (int) h;
            samples = (int) d.first(277, 1);
            long[] bits = d.longs(258);
            for (long b : bits == null ? new long[] {1} : bits) {
                if (b != 8) {
                    throw d.error("BitsPerSample " + java.util.Arrays.toString(bits) + ": only 8-bit samples are supported");
                }
            }
            long format = d.first(339, 1);
            if (format != 1) {
                throw d.error("SampleFormat " + format + ": only unsigned integer samples are supported");
            }
            if (d.first(284, 1) != 1) {
                throw d.error("PlanarConfiguration " + d.first(284, 1) + " (separate planes) is not supported; "
                        + "H&E slides interleave R, G and B");
            }
            long photometric = d.first(262, -1);
            compression = (int) d.first(259, 1);
            checkCompression(d, compression);
            if (photometric == 6) {
                if (compression != TiffCodecs.JPEG) {
                    throw d.error("YCbCr pixels are supported in JPEG tiles only, not with " + compressionName(compression));
                }
                ycbcr = true;
            } else if (photometric == 2) {
                ycbcr = false;
            } else {
                throw d.error("PhotometricInterpretation " + photometric + ": only RGB (2) and YCbCr (6) are supported");
            }
            long[] extra = d.longs(338);
            if (samples == 3 && extra == null) {
                alpha = 0;
            } else if (samples == 4 && compression != TiffCodecs.JPEG) {
                alpha = extra == null ? 2 : (int) extra[0] == 1 ? 1 : (int) extra[0] == 2 ? 2 : 0;
            } else {
                throw d.error(samples + " samples per pixel: only RGB and RGBA (8 bits each) are supported");
            }
            predictor = (int) d.first(317, 1);
            if (predictor != 1 && predictor != 2) {
                throw d.error("Predictor " + predictor + " is not supported (only none and horizontal differencing)");
            }
            jpegTables = d.bytes(347);
            tiled = d.has(322);
            if (tiled) {
                long tw = d.first(322, 0);
                long th = d.first(323, 0);
                if (tw < 1 || th < 1 || tw > 65_536 || th > 65_536) {
                    throw d.error("tile size " + tw + " x " + th + " is out of range");
                }
                tileW = (int) tw;
                tileH = (int) th;
                offsets = d.longs(324);
                counts = d.longs(325);
            } else {
                long rps = Math.min(h, d.first(278, h));
                if (rps < 1) {
                    throw d.error("RowsPerStrip " + rps);
                }
                tileW = width;
                tileH = (int) rps;
                offsets = d.longs(273);
                counts = d.longs(279);
            }
            if ((long) tileW * tileH * 4 > MAX_TILE_BYTES) {
                throw d.error((tiled ? "tiles" : "strips") + " of " + tileW + " x " + tileH + " pixels are too large to "
                        + "decode one at a time in bounded memory; rewrite the slide tiled (for example 512 x 512)");
            }
            across = tiled ? (width + tileW - 1) / tileW : 1;
            long down = (height + (long) tileH - 1) / tileH;
            long n = across * down;
            String what = tiled ? "tile" : "strip";
            if (offsets == null || counts == null) {
                throw d.error("no " + what + " offsets or byte counts");
            }
            if (offsets.length != n || counts.length != n) {
                throw d.error(offsets.length + " " + what + " offsets and " + counts.length + " byte counts where a "
                        + width + " x " + height + " image of " + tileW + " x " + tileH + " " + what + "s has " + n);
            }
            for (int i = 0; i < n; i++) {
                if (counts[i] < 0 || counts[i] > MAX_TILE_BYTES || offsets[i] < 0 || offsets[i] + counts[i] > t.size()) {
                    throw d.error(String.format(Locale.ROOT, "%s %d: %d bytes at offset %d run past the end of the file "
                            + "(%d bytes): the file is truncated or its offsets are wrong", what, i, counts[i], offsets[i], t.size()));
                }
            }
        }

        int rowsIn(int tileIndex) {
            int row = tileIndex / across;
            return tiled ? tileH : Math.min(tileH, height - row * tileH);
        }
    }

    private static void checkCompression(TiffFile.Directory d, int c) {
        switch (c) {
            case TiffCodecs.NONE, TiffCodecs.LZW, TiffCodecs.JPEG, TiffCodecs.ADOBE_DEFLATE, TiffCodecs.DEFLATE,
                 TiffCodecs.PACKBITS -> {
            }
            case 33003, 33004, 33005, 34712 -> throw d.error("JPEG 2000 tiles (compression " + c + ") are not supported: "
                    + "no maintained JPEG 2000 decoder is served by Maven Central; convert the slide to JPEG or deflate tiles "
                    + "(for example with QuPath or bfconvert)");
            case TiffCodecs.OLD_JPEG -> throw d.error("old-style JPEG (compression 6) is not supported; convert the slide");
            default -> throw d.error("compression " + c + " is not supported (none, LZW, deflate, PackBits and JPEG are)");
        }
    }

    static String compressionName(int c) {
        return switch (c) {
            case TiffCodecs.NONE -> "no compression";
            case TiffCodecs.LZW -> "LZW";
            case TiffCodecs.JPEG -> "JPEG";
            case TiffCodecs.ADOBE_DEFLATE, TiffCodecs.DEFLATE -> "deflate";
            case TiffCodecs.PACKBITS -> "PackBits";
            default -> "compression " + c;
        };
    }

    /** One tile (or strip) as int RGB, {@code tileW} pixels per row; from the cache when it is there. */
    private int[] tile(Level l, int t) {
        long key = ((long) l.index << 40) | t;
        int[] px = cache.get(key);
        if (px != null) {
            return px;
        }
        px = decode(l, t);
        decodedTiles++;
        long bytes = 4L * px.length;
        cache.put(key, px);
        cached += bytes;
        var it = cache.entrySet().iterator();
        while (cached > cacheBytes && cache.size() > 1 && it.hasNext()) {
            var e = it.next();
            cached -= 4L * e.getValue().length;
            it.remove();
        }
        return px;
    }

    private int[] decode(Level l, int t) {
        int rows = l.rowsIn(t);
        int n = l.tileW * rows;
        if (l.counts[t] == 0) {
            // an empty tile (sparse writers leave them out): glass
            int[] white = new int[n];
            java.util.Arrays.fill(white, 0xFFFFFF);
            return white;
        }
        int expected = n * l.samples;
        String what = (l.tiled ? "tile " : "strip ") + t;
        ByteBuffer raw = tiff.read(l.offsets[t], (int) l.counts[t], l.dir.name());
        byte[] in = new byte[raw.remaining()];
        raw.get(in);
        byte[] b;
        try {
            b = switch (l.compression) {
                case TiffCodecs.NONE -> {
                    if (in.length < expected) {
                        throw new TiffCodecs.CorruptDataException("uncompressed data of " + in.length + " bytes, "
                                + expected + " expected (is the compression tag right?)");
                    }
                    yield in;
                }
                case TiffCodecs.ADOBE_DEFLATE, TiffCodecs.DEFLATE -> TiffCodecs.inflate(in, expected);
                case TiffCodecs.LZW -> TiffCodecs.lzwDecode(in, expected);
                case TiffCodecs.PACKBITS -> TiffCodecs.packBitsDecode(in, expected);
                case TiffCodecs.JPEG -> TiffCodecs.jpegDecode(in, l.jpegTables, l.tileW, rows, l.ycbcr);
                default -> throw new IllegalStateException("compression " + l.compression);
            };
        } catch (TiffCodecs.CorruptDataException e) {
            throw l.dir.error(String.format(Locale.ROOT, "%s (%d bytes at offset %d, %s) does not decode: %s", what,
                    l.counts[t], l.offsets[t], compressionName(l.compression), e.getMessage()), e);
        }
        if (l.predictor == 2 && l.compression != TiffCodecs.JPEG) {
            TiffCodecs.undoPredictor(b, l.tileW * l.samples, l.samples);
        }
        int[] px = new int[n];
        int s = l.compression == TiffCodecs.JPEG ? 3 : l.samples;
        for (int i = 0, o = 0; i < n; i++, o += s) {
            int r = b[o] & 0xFF;
            int g = b[o + 1] & 0xFF;
            int bl = b[o + 2] & 0xFF;
            if (l.alpha != 0 && s == 4) {
                int a = b[o + 3] & 0xFF;
                // composite over white glass: transparent slide margins read as background
                if (l.alpha == 1) {
                    r = Math.min(255, r + 255 - a);
                    g = Math.min(255, g + 255 - a);
                    bl = Math.min(255, bl + 255 - a);
                } else {
                    r = (r * a + 255 * (255 - a) + 127) / 255;
                    g = (g * a + 255 * (255 - a) + 127) / 255;
                    bl = (bl * a + 255 * (255 - a) + 127) / 255;
                }
            }
            px[i] = r << 16 | g << 8 | bl;
        }
        return px;
    }

    private synchronized BufferedImage read(Level l, Rectangle r, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1: " + step);
        }
        if (r.isEmpty() || r.x < 0 || r.y < 0 || (long) r.x + r.width > l.width || (long) r.y + r.height > l.height) {
            throw new IllegalArgumentException(tiff.file() + ": region " + r + " is not inside the " + l.width + " x "
                    + l.height + " image (" + l.dir.name() + ")");
        }
        int ow = (r.width + step - 1) / step;
        int oh = (r.height + step - 1) / step;
        int[] out = new int[ow * oh];
        int tx0 = r.x / l.tileW;
        int tx1 = (r.x + r.width - 1) / l.tileW;
        int ty0 = r.y / l.tileH;
        int ty1 = (r.y + r.height - 1) / l.tileH;
        for (int ty = ty0; ty <= ty1; ty++) {
            int y0 = ty * l.tileH;
            int lStart = ceilDiv(Math.max(y0, r.y) - r.y, step);
            int lEnd = Math.min(oh, ceilDiv(Math.min(y0 + l.tileH, r.y + r.height) - r.y, step));
            if (lStart >= lEnd) {
                continue;
            }
            for (int tx = tx0; tx <= tx1; tx++) {
                int x0 = tx * l.tileW;
                int kStart = ceilDiv(Math.max(x0, r.x) - r.x, step);
                int kEnd = Math.min(ow, ceilDiv(Math.min(x0 + l.tileW, r.x + r.width) - r.x, step));
                if (kStart >= kEnd) {
                    continue;
                }
                int[] px = tile(l, ty * l.across + tx);
                for (int k = lStart; k < lEnd; k++) {
                    int src = (r.y + k * step - y0) * l.tileW + (r.x - x0);
                    int dst = k * ow;
                    if (step == 1) {
                        System.arraycopy(px, src + kStart, out, dst + kStart, kEnd - kStart);
                    } else {
                        for (int j = kStart; j < kEnd; j++) {
                            out[dst + j] = px[src + j * step];
                        }
                    }
                }
            }
        }
        BufferedImage img = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, ow, oh, out, 0, ow);
        return img;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    // ---- HeImageSource ------------------------------------------------------------------------------------

    @Override
    public int width() {
        return levels.get(0).width;
    }

    @Override
    public int height() {
        return levels.get(0).height;
    }

    @Override
    public BufferedImage read(Rectangle pixelRegion) {
        return read(levels.get(0), pixelRegion, 1);
    }

    @Override
    public BufferedImage read(Rectangle pixelRegion, int step) {
        return read(levels.get(0), pixelRegion, step);
    }

    @Override
    public Optional<PixelCalibration> calibration() {
        return calibration;
    }

    @Override
    public int levelCount() {
        return levels.size();
    }

    @Override
    public HeImageSource level(int i) {
        if (i == 0) {
            return this;
        }
        Level l = levels.get(i);
        Level base = levels.get(0);
        return new HeImageSource() {
            @Override
            public int width() {
                return l.width;
            }

            @Override
            public int height() {
                return l.height;
            }

            @Override
            public BufferedImage read(Rectangle pixelRegion) {
                return TiffHeImage.this.read(l, pixelRegion, 1);
            }

            @Override
            public BufferedImage read(Rectangle pixelRegion, int step) {
                return TiffHeImage.this.read(l, pixelRegion, step);
            }

            @Override
            public Optional<PixelCalibration> calibration() {
                return calibration.map(c -> c.scaled(base.width / (double) l.width, base.height / (double) l.height));
            }

            @Override
            public String toString() {
                return tiff.file() + " level " + i + " (" + l.dir.name() + ")";
            }
        };
    }

    /** The directory a level comes from, as errors name it ("IFD 0 SubIFD 1"). */
    public String levelDirectory(int i) {
        return levels.get(i).dir.name();
    }

    /** How the levels are stored: "pyramid in SubIFDs", "Aperio", "pyramid in the directory chain", "single level". */
    public String layout() {
        return layout;
    }

    public Path file() {
        return tiff.file();
    }

    public boolean bigTiff() {
        return tiff.bigTiff();
    }

    /** Tiles decoded so far (cache misses): how much a read pattern costs. */
    public synchronized long decodedTiles() {
        return decodedTiles;
    }

    @Override
    public synchronized void close() {
        cache.clear();
        tiff.close();
    }

    @Override
    public String toString() {
        return tiff.file() + " (" + (tiff.bigTiff() ? "BigTIFF" : "TIFF") + ", " + layout + ", " + levels.size() + " levels)";
    }
}
