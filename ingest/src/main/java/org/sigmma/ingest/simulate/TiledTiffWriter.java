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
import java.util.Comparator;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes a tiled RGB 8-bit TIFF (or BigTIFF), deflate-compressed with the horizontal-differencing
 * predictor, one tile at a time in row-major order, so the image never has to be in memory: the tiles go
 * to the file as they come and the directory (with the tile offsets) is written last, at the end of the
 * file, and the header pointed at it. Edge tiles are full tiles, as TIFF requires.
 */
public final class TiledTiffWriter implements Closeable {

    private static final short SHORT = 3;
    private static final short LONG = 4;
    private static final short RATIONAL = 5;
    private static final short ASCII = 2;
    private static final short LONG8 = 16;

    private final Path file;
    private final FileChannel out;
    private final int width;
    private final int height;
    private final int tile;
    private final boolean big;
    private final String description;
    private final double umPerPx;
    private final long[] offsets;
    private final long[] counts;
    private int written;
    private long position;

    /**
     * @param bigTiff     BigTIFF (64-bit offsets), needed past 4 GiB; classic TIFF otherwise
     * @param description the ImageDescription (for example OME-XML), may be null
     * @param umPerPx     micrometres per pixel, written as the resolution (pixels per centimetre)
     */
    public TiledTiffWriter(Path file, int width, int height, int tile, boolean bigTiff, String description, double umPerPx)
            throws IOException {
        if (width < 1 || height < 1 || tile < 16 || tile % 16 != 0) {
            throw new IllegalArgumentException("bad TIFF geometry: " + width + " x " + height + ", tile " + tile
                    + " (tiles are multiples of 16)");
        }
        this.file = file;
        this.width = width;
        this.height = height;
        this.tile = tile;
        this.big = bigTiff;
        this.description = description;
        this.umPerPx = umPerPx;
        int n = tilesAcross() * tilesDown();
        this.offsets = new long[n];
        this.counts = new long[n];
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(big ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 'I').put((byte) 'I');
        if (big) {
            header.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
        } else {
            header.putShort((short) 42).putInt(0);
        }
        header.flip();
        writeFully(header);
    }

    public int tilesAcross() {
        return (width + tile - 1) / tile;
    }

    public int tilesDown() {
        return (height + tile - 1) / tile;
    }

    /**
     * A tile's pixels (tile x tile interleaved RGB) differenced along rows and deflated: what
     * {@link #writeTile} takes. Pure, so tiles can be compressed in parallel.
     */
    public static byte[] compress(byte[] rgb, int tile, int level) {
        if (rgb.length != tile * tile * 3) {
            throw new IllegalArgumentException("a tile has " + tile * tile * 3 + " bytes, got " + rgb.length);
        }
        byte[] d = rgb.clone();
        int row = tile * 3;
        for (int j = 0; j < tile; j++) {
            int base = j * row;
            for (int i = row - 1; i >= 3; i--) {
                d[base + i] = (byte) (d[base + i] - d[base + i - 3]);
            }
        }
        Deflater def = new Deflater(level);
        try {
            def.setInput(d);
            def.finish();
            byte[] buf = new byte[d.length + d.length / 100 + 64];
            int len = 0;
            while (!def.finished()) {
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                len += def.deflate(buf, len, buf.length - len);
            }
            return java.util.Arrays.copyOf(buf, len);
        } finally {
            def.end();
        }
    }

    /** Appends the next tile (row-major order), as returned by {@link #compress}. */
    public void writeTile(byte[] compressed) throws IOException {
        if (written == offsets.length) {
            throw new IllegalStateException(file + ": all " + offsets.length + " tiles are written already");
        }
        if (!big && position + compressed.length > 0xFFFF_FFFFL - (1 << 20)) {
            throw new IOException(file + ": past 4 GiB, which classic TIFF cannot address; write a BigTIFF");
        }
        offsets[written] = position;
        counts[written] = compressed.length;
        writeFully(ByteBuffer.wrap(compressed));
        written++;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            position += out.write(b, position);
        }
    }

    /** One directory entry; values of more than 4 (8 in BigTIFF) bytes go to the data area after the directory. */
    private record Entry(int tag, short type, long count, byte[] data) {
    }

    @Override
    public void close() throws IOException {
        try {
            if (written != offsets.length) {
                throw new IllegalStateException(file + ": " + written + " of " + offsets.length + " tiles written");
            }
            finishDirectory();
        } finally {
            out.close();
        }
    }

    private void finishDirectory() throws IOException {
        List<Entry> e = new ArrayList<>();
        e.add(longs(254, 0));
        e.add(longs(256, width));
        e.add(longs(257, height));
        e.add(shorts(258, 8, 8, 8));
        e.add(shorts(259, 8));
        e.add(shorts(262, 2));
        if (description != null) {
            e.add(ascii(270, description));
        }
        e.add(shorts(277, 3));
        long pxPerCm = Math.round(10_000 / umPerPx * 1000);
        e.add(rational(282, pxPerCm, 1000));
        e.add(rational(283, pxPerCm, 1000));
        e.add(shorts(284, 1));
        e.add(shorts(296, 3));
        e.add(ascii(305, "SIGMMA section simulator"));
        e.add(shorts(317, 2));
        e.add(longs(322, tile));
        e.add(longs(323, tile));
        e.add(big ? long8s(324, offsets) : longs(324, offsets));
        e.add(big ? long8s(325, counts) : longs(325, counts));
        e.add(shorts(339, 1, 1, 1));
        e.sort(Comparator.comparingInt(Entry::tag));

        long ifd = position + (position & 1);
        int entrySize = big ? 20 : 12;
        int inline = big ? 8 : 4;
        long dirBytes = (big ? 8 : 2) + (long) e.size() * entrySize + (big ? 8 : 4);
        long dataAt = ifd + dirBytes;
        ByteBuffer dir = ByteBuffer.allocate((int) dirBytes).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> data = new ArrayList<>();
        if (big) {
            dir.putLong(e.size());
        } else {
            dir.putShort((short) e.size());
        }
        for (Entry x : e) {
            dir.putShort((short) x.tag).putShort(x.type);
            if (big) {
                dir.putLong(x.count);
            } else {
                dir.putInt((int) x.count);
            }
            if (x.data.length <= inline) {
                byte[] pad = java.util.Arrays.copyOf(x.data, inline);
                dir.put(pad);
            } else {
                if (big) {
                    dir.putLong(dataAt);
                } else {
                    if (dataAt > 0xFFFF_FFFFL) {
                        throw new IOException(file + ": directory past 4 GiB; write a BigTIFF");
                    }
                    dir.putInt((int) dataAt);
                }
                data.add(x.data);
                dataAt += x.data.length + (x.data.length & 1);
            }
        }
        if (big) {
            dir.putLong(0);
        } else {
            dir.putInt(0);
        }
        dir.flip();
        position = ifd;
        writeFully(dir);
        for (byte[] d : data) {
            writeFully(ByteBuffer.wrap(d));
            if ((d.length & 1) == 1) {
                writeFully(ByteBuffer.wrap(new byte[1]));
            }
        }
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (big) {
            head.putLong(ifd);
        } else {
            head.putInt((int) ifd);
        }
        head.flip();
        long at = big ? 8 : 4;
        while (head.hasRemaining()) {
            at += out.write(head, at);
        }
    }

    private static Entry shorts(int tag, int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return new Entry(tag, SHORT, v.length, b.array());
    }

    private static Entry longs(int tag, long... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            if (x < 0 || x > 0xFFFF_FFFFL) {
                throw new IllegalStateException("TIFF LONG out of range: " + x);
            }
            b.putInt((int) x);
        }
        return new Entry(tag, LONG, v.length, b.array());
    }

    private static Entry long8s(int tag, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return new Entry(tag, LONG8, v.length, b.array());
    }

    private static Entry rational(int tag, long num, long den) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) num).putInt((int) den);
        return new Entry(tag, RATIONAL, 1, b.array());
    }

    private static Entry ascii(int tag, String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = java.util.Arrays.copyOf(raw, raw.length + 1);
        return new Entry(tag, ASCII, z.length, z);
    }
}
