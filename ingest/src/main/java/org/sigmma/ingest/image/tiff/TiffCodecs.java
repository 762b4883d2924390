package org.sigmma.ingest.image.tiff;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * The TIFF compressions an H&amp;E slide comes in, both ways (the simulator writes what the reader reads).
 * Deflate is java.util.zip; JPEG is the JDK's ImageIO JPEG codec (libjpeg-derived), given the directory's
 * JPEGTables spliced in front of each tile; LZW and PackBits are small enough to write here, since no maintained
 * library on Maven Central decodes TIFF-flavoured LZW outside a whole TIFF reader.
 */
public final class TiffCodecs {

    public static final int NONE = 1;
    public static final int LZW = 5;
    public static final int OLD_JPEG = 6;
    public static final int JPEG = 7;
    public static final int ADOBE_DEFLATE = 8;
    public static final int PACKBITS = 32773;
    public static final int DEFLATE = 32946;

    private TiffCodecs() {
    }

    /** Thrown for bytes that do not decode; the caller adds the file, directory and tile. */
    public static final class CorruptDataException extends Exception {
        CorruptDataException(String message) {
            super(message);
        }

        CorruptDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- deflate -------------------------------------------------------------------------------------------

    /** Inflates {@code expected} bytes; fewer, or a failed stream checksum, is corruption; more is ignored (as libtiff does). */
    public static byte[] inflate(byte[] in, int expected) throws CorruptDataException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected) {
                int r = inf.inflate(out, n, expected - n);
                if (r == 0) {
                    if (inf.finished() || inf.needsInput()) {
                        throw new CorruptDataException("deflate data ends after " + n + " of " + expected + " bytes");
                    }
                    if (inf.needsDictionary()) {
                        throw new CorruptDataException("deflate data asks for a preset dictionary");
                    }
                }
                n += r;
            }
            // read on to the end of the stream: zlib's Adler-32 check is what tells garbled literals
            byte[] rest = new byte[4096];
            while (!inf.finished() && !inf.needsInput()) {
                if (inf.inflate(rest) == 0 && (inf.needsDictionary() || inf.needsInput())) {
                    break;
                }
            }
            return out;
        } catch (DataFormatException e) {
            throw new CorruptDataException("not deflate data: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    public static byte[] deflate(byte[] in, int level) {
        Deflater def = new Deflater(level);
        try {
            def.setInput(in);
            def.finish();
            byte[] buf = new byte[in.length + in.length / 100 + 64];
            int len = 0;
            while (!def.finished()) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                len += def.deflate(buf, len, buf.length - len);
            }
            return Arrays.copyOf(buf, len);
        } finally {
            def.end();
        }
    }

    // ---- horizontal predictor (8-bit samples) -----------------------------------------------------------------

    public static void undoPredictor(byte[] b, int rowBytes, int samples) {
        for (int row = 0; row + rowBytes <= b.length; row += rowBytes) {
            for (int i = row + samples; i < row + rowBytes; i++) {
                b[i] += b[i - samples];
            }
        }
    }

    public static void applyPredictor(byte[] b, int rowBytes, int samples) {
        for (int row = 0; row + rowBytes <= b.length; row += rowBytes) {
            for (int i = row + rowBytes - 1; i >= row + samples; i--) {
                b[i] -= b[i - samples];
            }
        }
    }

    // ---- LZW (TIFF 6.0 section 13: MSB-first codes of 9 to 12 bits, with the early code-width change) ----------

    private static final int CLEAR = 256;
    private static final int EOI = 257;

    public static byte[] lzwDecode(byte[] in, int expected) throws CorruptDataException {
        if (in.length >= 2 && in[0] == 0 && (in[1] & 1) == 1) {
            throw new CorruptDataException("old-style (LSB-first) LZW is not supported");
        }
        byte[] out = new byte[expected];
        int n = 0;
        // the table as (prefix code, last byte, length) so a string is rebuilt backwards without allocations
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        byte[] first = new byte[4096];
        int[] length = new int[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
        }
        int next = 258;
        int width = 9;
        int old = -1;
        long bits = 0;
        int nbits = 0;
        int pos = 0;
        while (n < expected) {
            while (nbits < width) {
                if (pos >= in.length) {
                    throw new CorruptDataException("LZW data ends after " + n + " of " + expected + " bytes");
                }
                bits = (bits << 8) | (in[pos++] & 0xFF);
                nbits += 8;
            }
            int code = (int) ((bits >>> (nbits - width)) & ((1 << width) - 1));
            nbits -= width;
            if (code == EOI) {
                throw new CorruptDataException("LZW end code after " + n + " of " + expected + " bytes");
            }
            if (code == CLEAR) {
                next = 258;
                width = 9;
                old = -1;
                continue;
            }
            int emit;
            if (old < 0) {
                if (code > 255) {
                    throw new CorruptDataException("LZW code " + code + " right after a clear code");
                }
                emit = code;
            } else if (code < next) {
                emit = code;
                if (next < 4096) {
                    prefix[next] = old;
                    suffix[next] = first[code];
                    first[next] = first[old];
                    length[next] = length[old] + 1;
                    next++;
                }
            } else if (code == next && next < 4096) {
                prefix[next] = old;
                suffix[next] = first[old];
                first[next] = first[old];
                length[next] = length[old] + 1;
                next++;
                emit = code;
            } else {
                throw new CorruptDataException("LZW code " + code + " beyond the table (" + next + " entries)");
            }
            int len = length[emit];
            int end = Math.min(expected, n + len);
            int c = emit;
            for (int k = n + len - 1; k >= n; k--) {
                if (k < end) {
                    out[k] = suffix[c];
                }
                c = prefix[c];
            }
            n = end;
            old = emit;
            // early change: the width grows one code before the table needs it
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        return out;
    }

    public static byte[] lzwEncode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 16);
        // dictionary of (prefix code, byte) -> code, open addressing
        int size = 1 << 14;
        int[] keys = new int[size];
        int[] vals = new int[size];
        Arrays.fill(keys, -1);
        long[] acc = {0, 0}; // bit buffer, bit count
        int width = 9;
        int next = 258;
        put(out, acc, CLEAR, width);
        if (in.length == 0) {
            put(out, acc, EOI, width);
            flush(out, acc);
            return out.toByteArray();
        }
        int w = in[0] & 0xFF;
        for (int i = 1; i < in.length; i++) {
            int k = in[i] & 0xFF;
            int key = (w << 8) | k;
            int h = (key * 0x9E3779B1) >>> 18;
            while (keys[h] != -1 && keys[h] != key) {
                h = (h + 1) & (size - 1);
            }
            if (keys[h] == key) {
                w = vals[h];
                continue;
            }
            put(out, acc, w, width);
            keys[h] = key;
            vals[h] = next++;
            if (next + 1 > (1 << width) && width < 12) {
                width++;
            }
            if (next >= 4094) {
                put(out, acc, CLEAR, width);
                Arrays.fill(keys, -1);
                next = 258;
                width = 9;
            }
            w = k;
        }
        put(out, acc, w, width);
        // the decoder adds an entry for this code too, and may widen before reading EOI
        if (next + 2 > (1 << width) && width < 12) {
            width++;
        }
        put(out, acc, EOI, width);
        flush(out, acc);
        return out.toByteArray();
    }

    private static void put(ByteArrayOutputStream out, long[] acc, int code, int width) {
        acc[0] = (acc[0] << width) | code;
        acc[1] += width;
        while (acc[1] >= 8) {
            out.write((int) (acc[0] >>> (acc[1] - 8)) & 0xFF);
            acc[1] -= 8;
        }
    }

    private static void flush(ByteArrayOutputStream out, long[] acc) {
        if (acc[1] > 0) {
            out.write((int) (acc[0] << (8 - acc[1])) & 0xFF);
            acc[1] = 0;
        }
    }

    // ---- PackBits ----------------------------------------------------------------------------------------------

    public static byte[] packBitsDecode(byte[] in, int expected) throws CorruptDataException {
        byte[] out = new byte[expected];
        int n = 0;
        int i = 0;
        while (n < expected) {
            if (i >= in.length) {
                throw new CorruptDataException("PackBits data ends after " + n + " of " + expected + " bytes");
            }
            int h = in[i++];
            if (h >= 0) {
                int len = h + 1;
                if (i + len > in.length) {
                    throw new CorruptDataException("PackBits literal run past the end of the data");
                }
                System.arraycopy(in, i, out, n, Math.min(len, expected - n));
                i += len;
                n += Math.min(len, expected - n);
            } else if (h != -128) {
                if (i >= in.length) {
                    throw new CorruptDataException("PackBits repeat run past the end of the data");
                }
                int len = Math.min(1 - h, expected - n);
                Arrays.fill(out, n, n + len, in[i++]);
                n += len;
            }
        }
        return out;
    }

    public static byte[] packBitsEncode(byte[] in, int rowBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 64 + 8);
        // rows are packed separately, as the TIFF specification asks
        for (int row = 0; row < in.length; row += rowBytes) {
            int end = Math.min(in.length, row + rowBytes);
            int i = row;
            while (i < end) {
                int run = 1;
                while (i + run < end && run < 128 && in[i + run] == in[i]) {
                    run++;
                }
                if (run >= 2) {
                    out.write(1 - run);
                    out.write(in[i]);
                    i += run;
                    continue;
                }
                int lit = 1;
                while (i + lit < end && lit < 128 && !(i + lit + 1 < end && in[i + lit] == in[i + lit + 1])) {
                    lit++;
                }
                out.write(lit - 1);
                out.write(in, i, lit);
                i += lit;
            }
        }
        return out.toByteArray();
    }

    // ---- JPEG --------------------------------------------------------------------------------------------------

    private static ImageReader jdkJpegReader() {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        while (it.hasNext()) {
            ImageReader r = it.next();
            // the JDK's reader: readRaster hands back the stored components, colour conversion is ours to do
            if (r.getClass().getName().startsWith("com.sun.imageio.")) {
                return r;
            }
        }
        throw new IllegalStateException("the JDK's JPEG ImageIO reader is not available");
    }

    private static final ThreadLocal<ImageReader> JPEG_READER = ThreadLocal.withInitial(TiffCodecs::jdkJpegReader);

    /**
     * Decodes one JPEG tile or strip into interleaved 8-bit RGB. {@code tables} (the JPEGTables tag, may be null) is
     * an abbreviated stream of quantisation and Huffman tables; it is put in front of the tile's own markers.
     * {@code ycbcr}: the components are YCbCr (TIFF photometric 6) and are converted with the JFIF equations;
     * otherwise they are RGB as stored, unless an Adobe marker in the stream says it applied the YCbCr transform.
     */
    public static byte[] jpegDecode(byte[] tile, byte[] tables, int width, int height, boolean ycbcr)
            throws CorruptDataException {
        byte[] stream = splice(tables, tile);
        ImageReader reader = JPEG_READER.get();
        Raster r;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(in, true, true);
            r = reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException("not JPEG data: " + e.getMessage(), e);
        } finally {
            reader.setInput(null);
        }
        if (r.getNumBands() != 3) {
            throw new CorruptDataException("JPEG with " + r.getNumBands() + " components, expected 3");
        }
        if (r.getWidth() < width || r.getHeight() < height) {
            throw new CorruptDataException("JPEG of " + r.getWidth() + " x " + r.getHeight() + " pixels where the directory "
                    + "asks for " + width + " x " + height);
        }
        int adobe = adobeTransform(stream);
        boolean convert = adobe >= 0 ? adobe == 1 : ycbcr;
        byte[] out = new byte[width * height * 3];
        int[] row = new int[width * 3];
        for (int y = 0; y < height; y++) {
            r.getPixels(0, y, width, 1, row);
            int o = y * width * 3;
            if (!convert) {
                for (int i = 0; i < row.length; i++) {
                    out[o + i] = (byte) row[i];
                }
                continue;
            }
            for (int x = 0; x < width; x++) {
                double yy = row[3 * x];
                double cb = row[3 * x + 1] - 128.0;
                double cr = row[3 * x + 2] - 128.0;
                out[o + 3 * x] = clamp(yy + 1.402 * cr);
                out[o + 3 * x + 1] = clamp(yy - 0.344136 * cb - 0.714136 * cr);
                out[o + 3 * x + 2] = clamp(yy + 1.772 * cb);
            }
        }
        return out;
    }

    private static byte clamp(double v) {
        long r = Math.round(v);
        return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    }

    /** Tables stream without its EOI, then the tile stream without its SOI: one complete JPEG stream. */
    static byte[] splice(byte[] tables, byte[] tile) throws CorruptDataException {
        if (tile.length < 4 || (tile[0] & 0xFF) != 0xFF || (tile[1] & 0xFF) != 0xD8) {
            throw new CorruptDataException("tile does not start with a JPEG start-of-image marker");
        }
        if (tables == null || tables.length < 4) {
            return tile;
        }
        int t = tables.length;
        if ((tables[t - 2] & 0xFF) == 0xFF && (tables[t - 1] & 0xFF) == 0xD9) {
            t -= 2;
        }
        byte[] s = new byte[t + tile.length - 2];
        System.arraycopy(tables, 0, s, 0, t);
        System.arraycopy(tile, 2, s, t, tile.length - 2);
        return s;
    }

    /** The Adobe APP14 colour transform flag (0 none, 1 YCbCr, 2 YCCK), or -1 when there is no Adobe marker. */
    static int adobeTransform(byte[] s) {
        int i = 2;
        while (i + 4 <= s.length && (s[i] & 0xFF) == 0xFF) {
            int marker = s[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return -1;
            }
            int len = ((s[i + 2] & 0xFF) << 8) | (s[i + 3] & 0xFF);
            if (marker == 0xEE && len >= 12 && i + 4 + 11 <= s.length && s[i + 4] == 'A' && s[i + 5] == 'd') {
                return s[i + 4 + 11] & 0xFF;
            }
            i += 2 + len;
        }
        return -1;
    }

    /**
     * Encodes interleaved RGB as a baseline JPEG (YCbCr, 4:2:0, JFIF) with the JDK's writer at {@code quality}
     * in (0, 1]. The result is a complete stream; {@link #splitTables} turns it into tables + abbreviated tile.
     */
    public static byte[] jpegEncode(byte[] rgb, int width, int height, float quality) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
        }
        img.setRGB(0, 0, width, height, px, 0, width);
        ImageWriter w = null;
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        while (it.hasNext()) {
            ImageWriter c = it.next();
            if (w == null || c.getClass().getName().startsWith("com.sun.imageio.")) {
                w = c;
            }
        }
        if (w == null) {
            throw new IllegalStateException("no JPEG ImageIO writer");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            w.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed: " + e, e);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Splits a complete JPEG stream into {@code [tables, tile]}: the tables (SOI, DQT, DHT, EOI) as the JPEGTables
     * tag holds them, and the tile without them (and without the JFIF marker, which TIFF does not use).
     */
    public static byte[][] splitTables(byte[] jpeg) {
        ByteArrayOutputStream tables = new ByteArrayOutputStream();
        ByteArrayOutputStream tile = new ByteArrayOutputStream(jpeg.length);
        tables.write(0xFF);
        tables.write(0xD8);
        tile.write(0xFF);
        tile.write(0xD8);
        int i = 2;
        while (i + 4 <= jpeg.length) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xDA) {
                tile.write(jpeg, i, jpeg.length - i);
                break;
            }
            int len = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xDB || marker == 0xC4) {
                tables.write(jpeg, i, 2 + len);
            } else if (marker != 0xE0) {
                tile.write(jpeg, i, 2 + len);
            }
            i += 2 + len;
        }
        tables.write(0xFF);
        tables.write(0xD9);
        return new byte[][] {tables.toByteArray(), tile.toByteArray()};
    }
}
