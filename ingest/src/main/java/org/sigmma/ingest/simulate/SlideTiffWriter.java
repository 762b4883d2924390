package org.sigmma.ingest.simulate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.sigmma.ingest.image.tiff.TiffCodecs;

/**
 * Writes a whole-slide TIFF as scanners and converters deliver it: classic TIFF or BigTIFF, tiled or striped,
 * uncompressed, deflate, LZW, PackBits or JPEG (tables shared in the directory, YCbCr), with a pyramid of
 * half-size levels in SubIFDs (OME-TIFF), in the directory chain, or in Aperio SVS order (full resolution, a
 * stripped thumbnail, then the levels, MPP in the ImageDescription). Full-resolution pixels come in one row of
 * tiles at a time; each level is built from the one above by 2 x 2 means, one band of rows at a time, so memory
 * holds a band per level whatever the slide's size. The directories are written last.
 */
public final class SlideTiffWriter implements Closeable {

    public enum Compression {
        NONE(TiffCodecs.NONE), DEFLATE(TiffCodecs.ADOBE_DEFLATE), LZW(TiffCodecs.LZW), PACKBITS(TiffCodecs.PACKBITS),
        JPEG(TiffCodecs.JPEG);

        final int tag;

        Compression(int tag) {
            this.tag = tag;
        }
    }

    public enum Layout { SUBIFDS, CHAIN, APERIO }

    /**
     * How to write the slide.
     *
     * @param tile        tile side (a multiple of 16); with {@code striped}, the rows per strip
     * @param striped     strips instead of tiles
     * @param levels      resolution levels, 1 = no pyramid
     * @param jpegQuality JPEG quality in (0, 1]
     */
    public record Format(Compression compression, int tile, boolean striped, boolean bigTiff, int levels, Layout layout,
                         float jpegQuality) {

        public Format {
            if (tile < 16 || tile % 16 != 0) {
                throw new IllegalArgumentException("tile side must be a multiple of 16: " + tile);
            }
            if (levels < 1 || levels > 16) {
                throw new IllegalArgumentException("levels must be in [1, 16]: " + levels);
            }
            if (!(jpegQuality > 0 && jpegQuality <= 1)) {
                throw new IllegalArgumentException("JPEG quality must be in (0, 1]: " + jpegQuality);
            }
        }

        /** A tiled BigTIFF OME pyramid with JPEG tiles, as QuPath and 10x's tools export. */
        public static Format wholeSlide(int levels) {
            return new Format(Compression.JPEG, 512, false, true, levels, Layout.SUBIFDS, 0.85f);
        }

        /** The format from a command-line spec such as {@code jpeg,tile=512,levels=4,layout=subifds,big}. */
        public static Format parse(String spec) {
            Compression c = Compression.JPEG;
            int tile = 512;
            boolean striped = false;
            boolean big = true;
            int levels = 4;
            Layout layout = Layout.SUBIFDS;
            float q = 0.85f;
            for (String part : spec.split(",")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (p.isEmpty()) {
                    continue;
                }
                String[] kv = p.split("=", 2);
                switch (kv[0]) {
                    case "none", "deflate", "lzw", "packbits", "jpeg" -> c = Compression.valueOf(kv[0].toUpperCase(Locale.ROOT));
                    case "tile" -> tile = Integer.parseInt(kv[1]);
                    case "strips" -> {
                        striped = true;
                        if (kv.length == 2) {
                            tile = Integer.parseInt(kv[1]);
                        }
                    }
                    case "levels" -> levels = Integer.parseInt(kv[1]);
                    case "layout" -> layout = Layout.valueOf(kv[1].toUpperCase(Locale.ROOT));
                    case "big" -> big = true;
                    case "classic" -> big = false;
                    case "quality" -> q = Float.parseFloat(kv[1]);
                    default -> throw new IllegalArgumentException("unknown slide format part \"" + part + "\" (expected "
                            + "none|deflate|lzw|packbits|jpeg, tile=N, strips[=N], levels=N, layout=subifds|chain|aperio, "
                            + "big|classic, quality=Q)");
                }
            }
            return new Format(c, tile, striped, big, levels, layout, q);
        }
    }

    private static final int THUMBNAIL_MAX_PIXELS = 1 << 22;

    private final Path file;
    private final FileChannel out;
    private final Format f;
    private final double umPerPx;
    private final String description;
    private final Level[] levels;
    private long position;
    private int rowsIn;
    /** The coarsest level's pixels, kept for the Aperio thumbnail when small. */
    private byte[] coarsest;

    private final class Level {
        final int index;
        final int width;
        final int height;
        final int across;
        final byte[] band;
        int filled;
        int rowsDone;
        long[] offsets = new long[64];
        long[] counts = new long[64];
        int n;
        byte[] tables;

        Level(int index, int width, int height) {
            this.index = index;
            this.width = width;
            this.height = height;
            this.across = f.striped ? 1 : (width + f.tile - 1) / f.tile;
            this.band = index == 0 ? null : new byte[width * f.tile * 3];
        }

        void add(long offset, long count) {
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * n);
                counts = Arrays.copyOf(counts, 2 * n);
            }
            offsets[n] = offset;
            counts[n] = count;
            n++;
        }
    }

    public SlideTiffWriter(Path file, int width, int height, Format format, double umPerPx, String omeXml) throws IOException {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("bad slide size " + width + " x " + height);
        }
        this.file = file;
        this.f = format;
        this.umPerPx = umPerPx;
        this.description = format.layout() == Layout.APERIO
                ? String.format(Locale.ROOT, "Aperio Image Library v12.0.16 (SIGMMA section simulator)\r\n%dx%d [0,0 %dx%d] "
                        + "(%dx%d) %s|AppMag = 40|MPP = %.4f", width, height, width, height, format.tile(), format.tile(),
                        format.compression(), umPerPx)
                : omeXml;
        List<Level> ls = new ArrayList<>();
        int w = width;
        int h = height;
        for (int i = 0; i < format.levels(); i++) {
            ls.add(new Level(i, w, h));
            if (w == 1 && h == 1) {
                break;
            }
            w = (w + 1) / 2;
            h = (h + 1) / 2;
        }
        this.levels = ls.toArray(new Level[0]);
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        writeFully(TiffEntry.header(f.bigTiff()));
    }

    public int tile() {
        return f.tile();
    }

    public int tilesAcross() {
        return (levels[0].width + f.tile() - 1) / f.tile();
    }

    public int tilesDown() {
        return (levels[0].height + f.tile() - 1) / f.tile();
    }

    /** The next row of full-resolution tiles, each {@code tile x tile} interleaved RGB (edge tiles padded). */
    public void writeTileRow(List<byte[]> tiles) throws IOException {
        Level l0 = levels[0];
        int t = f.tile();
        if (tiles.size() != tilesAcross()) {
            throw new IllegalArgumentException("a row has " + tilesAcross() + " tiles, got " + tiles.size());
        }
        int rows = Math.min(t, l0.height - rowsIn);
        if (rows <= 0) {
            throw new IllegalStateException(file + ": all rows are written already");
        }
        byte[] band = new byte[l0.width * rows * 3];
        for (int tx = 0; tx < tiles.size(); tx++) {
            byte[] tileRgb = tiles.get(tx);
            int cols = Math.min(t, l0.width - tx * t);
            for (int y = 0; y < rows; y++) {
                System.arraycopy(tileRgb, y * t * 3, band, (y * l0.width + tx * t) * 3, cols * 3);
            }
        }
        rowsIn += rows;
        push(l0, band, rows);
    }

    private void push(Level l, byte[] band, int rows) throws IOException {
        emit(l, band, rows);
        l.rowsDone += rows;
        if (l.index == levels.length - 1) {
            if ((long) l.width * l.height <= THUMBNAIL_MAX_PIXELS) {
                if (coarsest == null) {
                    coarsest = new byte[l.width * l.height * 3];
                }
                System.arraycopy(band, 0, coarsest, (l.rowsDone - rows) * l.width * 3, rows * l.width * 3);
            }
            return;
        }
        Level next = levels[l.index + 1];
        for (int y = 0; y < rows; y += 2) {
            int y1 = Math.min(rows - 1, y + 1);
            int o = next.filled * next.width * 3;
            for (int x = 0; x < next.width; x++) {
                int xa = 2 * x;
                int xb = Math.min(l.width - 1, xa + 1);
                for (int c = 0; c < 3; c++) {
                    int s = (band[(y * l.width + xa) * 3 + c] & 0xFF) + (band[(y * l.width + xb) * 3 + c] & 0xFF)
                            + (band[(y1 * l.width + xa) * 3 + c] & 0xFF) + (band[(y1 * l.width + xb) * 3 + c] & 0xFF);
                    next.band[o + 3 * x + c] = (byte) ((s + 2) / 4);
                }
            }
            next.filled++;
        }
        boolean last = l.rowsDone == l.height;
        if (next.filled == f.tile() || (last && next.filled > 0)) {
            int r = next.filled;
            next.filled = 0;
            push(next, Arrays.copyOf(next.band, r * next.width * 3), r);
        }
    }

    /** Compresses and appends one band of a level: its strip, or its row of tiles. */
    private void emit(Level l, byte[] band, int rows) throws IOException {
        int t = f.tile();
        if (f.striped()) {
            byte[] c = compress(l, band, l.width, rows);
            append(l, c);
            return;
        }
        byte[][] tiles = new byte[l.across][];
        IntStream.range(0, l.across).parallel().forEach(tx -> {
            byte[] tileRgb = new byte[t * t * 3];
            Arrays.fill(tileRgb, (byte) 0xFF);
            int cols = Math.min(t, l.width - tx * t);
            for (int y = 0; y < rows; y++) {
                System.arraycopy(band, (y * l.width + tx * t) * 3, tileRgb, y * t * 3, cols * 3);
            }
            tiles[tx] = compress(l, tileRgb, t, t);
        });
        for (byte[] c : tiles) {
            append(l, c);
        }
    }

    private byte[] compress(Level l, byte[] rgb, int w, int h) {
        return switch (f.compression()) {
            case NONE -> rgb;
            case DEFLATE -> {
                byte[] d = rgb.clone();
                TiffCodecs.applyPredictor(d, w * 3, 3);
                yield TiffCodecs.deflate(d, 6);
            }
            case LZW -> {
                byte[] d = rgb.clone();
                TiffCodecs.applyPredictor(d, w * 3, 3);
                yield TiffCodecs.lzwEncode(d);
            }
            case PACKBITS -> TiffCodecs.packBitsEncode(rgb, w * 3);
            case JPEG -> {
                byte[][] split = TiffCodecs.splitTables(TiffCodecs.jpegEncode(rgb, w, h, f.jpegQuality()));
                synchronized (l) {
                    if (l.tables == null) {
                        l.tables = split[0];
                    } else if (!Arrays.equals(l.tables, split[0])) {
                        // one quality, one set of tables: anything else would need the tables in each tile
                        throw new IllegalStateException("JPEG tables differ between tiles");
                    }
                }
                yield split[1];
            }
        };
    }

    private void append(Level l, byte[] c) throws IOException {
        if (!f.bigTiff() && position + c.length > 0xFFFF_FFFFL - (1 << 20)) {
            throw new IOException(file + ": past 4 GiB, which classic TIFF cannot address; write a BigTIFF");
        }
        l.add(position, c.length);
        writeFully(ByteBuffer.wrap(c));
        if ((position & 1) == 1) {
            writeFully(ByteBuffer.wrap(new byte[1]));
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            position += out.write(b, position);
        }
    }

    /** A directory to write: its entries, and which of them holds the offsets of other directories. */
    private static final class Ifd {
        final List<TiffEntry> entries = new ArrayList<>();
        final List<Ifd> subIfds = new ArrayList<>();
        long offset;
        long size;
    }

    @Override
    public void close() throws IOException {
        try {
            for (Level l : levels) {
                if (l.rowsDone != l.height) {
                    throw new IllegalStateException(file + ": level " + l.index + " has " + l.rowsDone + " of " + l.height
                            + " rows");
                }
            }
            finish();
        } finally {
            out.close();
        }
    }

    private void finish() throws IOException {
        List<Ifd> chain = new ArrayList<>();
        List<Ifd> all = new ArrayList<>();
        Ifd[] ifds = new Ifd[levels.length];
        for (Level l : levels) {
            ifds[l.index] = directory(l);
            all.add(ifds[l.index]);
        }
        chain.add(ifds[0]);
        switch (f.layout()) {
            case SUBIFDS -> ifds[0].subIfds.addAll(Arrays.asList(ifds).subList(1, ifds.length));
            case CHAIN -> chain.addAll(Arrays.asList(ifds).subList(1, ifds.length));
            case APERIO -> {
                if (coarsest != null && levels.length > 1) {
                    Ifd thumb = thumbnail(levels[levels.length - 1]);
                    all.add(thumb);
                    chain.add(thumb);
                }
                chain.addAll(Arrays.asList(ifds).subList(1, ifds.length));
            }
        }
        if (!ifds[0].subIfds.isEmpty()) {
            ifds[0].entries.add(new TiffEntry(330, f.bigTiff() ? TiffEntry.LONG8 : TiffEntry.LONG, ifds[0].subIfds.size(),
                    new byte[ifds[0].subIfds.size() * (f.bigTiff() ? 8 : 4)]));
        }
        int entrySize = f.bigTiff() ? 20 : 12;
        int inline = f.bigTiff() ? 8 : 4;
        long at = position + (position & 1);
        for (Ifd d : all) {
            d.entries.sort(Comparator.comparingInt(TiffEntry::tag));
            d.offset = at;
            long dataBytes = 0;
            for (TiffEntry e : d.entries) {
                if (e.data().length > inline) {
                    dataBytes += e.data().length + (e.data().length & 1);
                }
            }
            d.size = (f.bigTiff() ? 8 : 2) + (long) d.entries.size() * entrySize + (f.bigTiff() ? 8 : 4) + dataBytes;
            at += d.size;
        }
        if (!f.bigTiff() && at > 0xFFFF_FFFFL) {
            throw new IOException(file + ": directories past 4 GiB; write a BigTIFF");
        }
        for (Ifd d : all) {
            if (!d.subIfds.isEmpty()) {
                ByteBuffer b = ByteBuffer.allocate(d.subIfds.size() * (f.bigTiff() ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
                for (Ifd s : d.subIfds) {
                    if (f.bigTiff()) {
                        b.putLong(s.offset);
                    } else {
                        b.putInt((int) s.offset);
                    }
                }
                d.entries.replaceAll(e -> e.tag() == 330 ? new TiffEntry(330, e.type(), e.count(), b.array()) : e);
            }
            int ci = chain.indexOf(d);
            long next = ci >= 0 && ci + 1 < chain.size() ? chain.get(ci + 1).offset : 0;
            writeIfd(d, next);
        }
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (f.bigTiff()) {
            head.putLong(chain.get(0).offset);
        } else {
            head.putInt((int) chain.get(0).offset);
        }
        head.flip();
        long h = f.bigTiff() ? 8 : 4;
        while (head.hasRemaining()) {
            h += out.write(head, h);
        }
    }

    private Ifd directory(Level l) {
        Ifd d = new Ifd();
        List<TiffEntry> e = d.entries;
        boolean reduced = l.index > 0 && f.layout() != Layout.APERIO;
        e.add(TiffEntry.longs(254, reduced ? 1 : 0));
        e.add(TiffEntry.longs(256, l.width));
        e.add(TiffEntry.longs(257, l.height));
        e.add(TiffEntry.shorts(258, 8, 8, 8));
        e.add(TiffEntry.shorts(259, f.compression().tag));
        boolean jpeg = f.compression() == Compression.JPEG;
        e.add(TiffEntry.shorts(262, jpeg ? 6 : 2));
        if (description != null && (l.index == 0 || f.layout() == Layout.APERIO)) {
            e.add(TiffEntry.ascii(270, l.index == 0 ? description : description.replaceFirst("\\r\\n\\d+x\\d+",
                    "\r\n" + levels[0].width + "x" + levels[0].height + " -> " + l.width + "x" + l.height)));
        }
        e.add(TiffEntry.shorts(277, 3));
        double fx = levels[0].width / (double) l.width;
        long pxPerCm = Math.round(10_000 / (umPerPx * fx) * 1000);
        e.add(TiffEntry.rational(282, pxPerCm, 1000));
        e.add(TiffEntry.rational(283, pxPerCm, 1000));
        e.add(TiffEntry.shorts(284, 1));
        e.add(TiffEntry.shorts(296, 3));
        e.add(TiffEntry.ascii(305, "SIGMMA section simulator"));
        if (f.compression() == Compression.DEFLATE || f.compression() == Compression.LZW) {
            e.add(TiffEntry.shorts(317, 2));
        }
        if (f.striped()) {
            e.add(offsetsEntry(273, Arrays.copyOf(l.offsets, l.n)));
            e.add(TiffEntry.longs(278, f.tile()));
            e.add(offsetsEntry(279, Arrays.copyOf(l.counts, l.n)));
        } else {
            e.add(TiffEntry.longs(322, f.tile()));
            e.add(TiffEntry.longs(323, f.tile()));
            e.add(offsetsEntry(324, Arrays.copyOf(l.offsets, l.n)));
            e.add(offsetsEntry(325, Arrays.copyOf(l.counts, l.n)));
        }
        e.add(TiffEntry.shorts(339, 1, 1, 1));
        if (jpeg) {
            e.add(new TiffEntry(347, TiffEntry.UNDEFINED, l.tables.length, l.tables));
            e.add(TiffEntry.shorts(530, 2, 2));
        }
        return d;
    }

    /** Aperio's second directory: a small stripped RGB image of the whole slide (here: the coarsest level). */
    private Ifd thumbnail(Level l) throws IOException {
        long offset = position;
        writeFully(ByteBuffer.wrap(coarsest));
        if ((position & 1) == 1) {
            writeFully(ByteBuffer.wrap(new byte[1]));
        }
        Ifd d = new Ifd();
        List<TiffEntry> e = d.entries;
        e.add(TiffEntry.longs(254, 0));
        e.add(TiffEntry.longs(256, l.width));
        e.add(TiffEntry.longs(257, l.height));
        e.add(TiffEntry.shorts(258, 8, 8, 8));
        e.add(TiffEntry.shorts(259, 1));
        e.add(TiffEntry.shorts(262, 2));
        e.add(TiffEntry.ascii(270, "Aperio Image Library v12.0.16 thumbnail " + l.width + "x" + l.height));
        e.add(offsetsEntry(273, offset));
        e.add(TiffEntry.shorts(277, 3));
        e.add(TiffEntry.longs(278, l.height));
        e.add(offsetsEntry(279, coarsest.length));
        e.add(TiffEntry.shorts(284, 1));
        return d;
    }

    private void writeIfd(Ifd d, long next) throws IOException {
        boolean big = f.bigTiff();
        int inline = big ? 8 : 4;
        ByteBuffer dir = ByteBuffer.allocate((int) d.size).order(ByteOrder.LITTLE_ENDIAN);
        long dataAt = d.offset + (big ? 8 : 2) + (long) d.entries.size() * (big ? 20 : 12) + (big ? 8 : 4);
        List<byte[]> data = new ArrayList<>();
        if (big) {
            dir.putLong(d.entries.size());
        } else {
            dir.putShort((short) d.entries.size());
        }
        for (TiffEntry x : d.entries) {
            dir.putShort((short) x.tag()).putShort(x.type());
            if (big) {
                dir.putLong(x.count());
            } else {
                dir.putInt((int) x.count());
            }
            if (x.data().length <= inline) {
                dir.put(Arrays.copyOf(x.data(), inline));
            } else {
                if (big) {
                    dir.putLong(dataAt);
                } else {
                    dir.putInt((int) dataAt);
                }
                data.add(x.data());
                dataAt += x.data().length + (x.data().length & 1);
            }
        }
        if (big) {
            dir.putLong(next);
        } else {
            dir.putInt((int) next);
        }
        for (byte[] b : data) {
            dir.put(b);
            if ((b.length & 1) == 1) {
                dir.put((byte) 0);
            }
        }
        dir.flip();
        position = d.offset;
        writeFully(dir);
    }

    private TiffEntry offsetsEntry(int tag, long... v) {
        if (f.bigTiff()) {
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (long x : v) {
                b.putLong(x);
            }
            return new TiffEntry(tag, TiffEntry.LONG8, v.length, b.array());
        }
        return TiffEntry.longs(tag, v);
    }

}
