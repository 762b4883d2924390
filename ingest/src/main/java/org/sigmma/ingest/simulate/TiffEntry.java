package org.sigmma.ingest.simulate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One TIFF directory entry as the simulator's writers build it (little-endian); values of more than 4 (8 in
 * BigTIFF) bytes go to the data area after the directory.
 */
record TiffEntry(int tag, short type, long count, byte[] data) {

    static final short ASCII = 2;
    static final short SHORT = 3;
    static final short LONG = 4;
    static final short RATIONAL = 5;
    static final short UNDEFINED = 7;
    static final short LONG8 = 16;

    /** The file header, little-endian, with the first directory's offset left 0 for the writer to patch. */
    static ByteBuffer header(boolean bigTiff) {
        ByteBuffer header = ByteBuffer.allocate(bigTiff ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 'I').put((byte) 'I');
        if (bigTiff) {
            header.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
        } else {
            header.putShort((short) 42).putInt(0);
        }
        return header.flip();
    }

    static TiffEntry shorts(int tag, int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return new TiffEntry(tag, SHORT, v.length, b.array());
    }

    static TiffEntry longs(int tag, long... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            if (x < 0 || x > 0xFFFF_FFFFL) {
                throw new IllegalStateException("TIFF LONG out of range: " + x);
            }
            b.putInt((int) x);
        }
        return new TiffEntry(tag, LONG, v.length, b.array());
    }

    static TiffEntry long8s(int tag, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return new TiffEntry(tag, LONG8, v.length, b.array());
    }

    static TiffEntry rational(int tag, long num, long den) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) num).putInt((int) den);
        return new TiffEntry(tag, RATIONAL, 1, b.array());
    }

    static TiffEntry ascii(int tag, String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = Arrays.copyOf(raw, raw.length + 1);
        return new TiffEntry(tag, ASCII, z.length, z);
    }
}
