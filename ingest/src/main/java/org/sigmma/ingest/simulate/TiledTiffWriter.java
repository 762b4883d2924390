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
        writeFully(TiffEntry.header(big));
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
        List<TiffEntry> e = new ArrayList<>();
        e.add(TiffEntry.longs(254, 0));
        e.add(TiffEntry.longs(256, width));
        e.add(TiffEntry.longs(257, height));
        e.add(TiffEntry.shorts(258, 8, 8, 8));
        e.add(TiffEntry.shorts(259, 8));
        e.add(TiffEntry.shorts(262, 2));
        if (description != null) {
            e.add(TiffEntry.ascii(270, description));
        }
        e.add(TiffEntry.shorts(277, 3));
        long pxPerCm = Math.round(10_000 / umPerPx * 1000);
        e.add(TiffEntry.rational(282, pxPerCm, 1000));
        e.add(TiffEntry.rational(283, pxPerCm, 1000));
        e.add(TiffEntry.shorts(284, 1));
        e.add(TiffEntry.shorts(296, 3));
        e.add(TiffEntry.ascii(305, "SIGMMA section simulator"));
        e.add(TiffEntry.shorts(317, 2));
        e.add(TiffEntry.longs(322, tile));
        e.add(TiffEntry.longs(323, tile));
        e.add(big ? TiffEntry.long8s(324, offsets) : TiffEntry.longs(324, offsets));
        e.add(big ? TiffEntry.long8s(325, counts) : TiffEntry.longs(325, counts));
        e.add(TiffEntry.shorts(339, 1, 1, 1));
        e.sort(Comparator.comparingInt(TiffEntry::tag));

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
        for (TiffEntry x : e) {
            dir.putShort((short) x.tag()).putShort(x.type());
            if (big) {
                dir.putLong(x.count());
            } else {
                dir.putInt((int) x.count());
            }
            if (x.data().length <= inline) {
                byte[] pad = java.util.Arrays.copyOf(x.data(), inline);
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
                data.add(x.data());
                dataAt += x.data().length + (x.data().length & 1);
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

}
