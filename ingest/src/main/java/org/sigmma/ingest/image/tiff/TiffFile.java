package org.sigmma.ingest.image.tiff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sigmma.ingest.xenium.BundleException;

/**
 * The directory structure of a TIFF or BigTIFF file: the header, the chain of image file directories (IFDs) and
 * the SubIFDs hanging off them (where pyramidal OME-TIFF keeps its levels). Only tags are read here; pixel data is
 * read later, one tile or strip at a time, through {@link #read}. Every offset is checked against the file size,
 * so a truncated file fails here with the directory named, not later with an arbitrary read error.
 */
public final class TiffFile implements Closeable {

    /** Directories read at most: a loop or garbage in the chain must not run on for ever. */
    private static final int MAX_DIRECTORIES = 4096;
    /** Bytes one tag's values may take (offset arrays of a 200k-tile slide are a few MB). */
    private static final long MAX_TAG_BYTES = 256L << 20;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;
    private final boolean big;
    private final List<Directory> directories;

    /** One tag: its TIFF type, value count and raw bytes in the file's byte order. */
    record Entry(int tag, int type, long count, ByteBuffer raw) {
    }

    /**
     * One IFD. {@code name} says where it sits ("IFD 2", "IFD 0 SubIFD 1"), which is what errors quote.
     */
    public final class Directory {
        private final String name;
        private final long offset;
        private final Map<Integer, Entry> entries;
        private final List<Directory> subIfds = new ArrayList<>();

        private Directory(String name, long offset, Map<Integer, Entry> entries) {
            this.name = name;
            this.offset = offset;
            this.entries = entries;
        }

        public String name() {
            return name;
        }

        public long offset() {
            return offset;
        }

        public List<Directory> subIfds() {
            return subIfds;
        }

        public boolean has(int tag) {
            return entries.containsKey(tag);
        }

        /** Integer values of a tag (BYTE, SHORT, LONG, LONG8, IFD types), or null when absent. */
        public long[] longs(int tag) {
            Entry e = entries.get(tag);
            if (e == null) {
                return null;
            }
            int n = (int) e.count;
            long[] v = new long[n];
            ByteBuffer b = e.raw.duplicate().order(order);
            for (int i = 0; i < n; i++) {
                v[i] = switch (e.type) {
                    case 1, 7 -> b.get() & 0xFFL;
                    case 6 -> b.get();
                    case 3 -> b.getShort() & 0xFFFFL;
                    case 8 -> b.getShort();
                    case 4, 13 -> b.getInt() & 0xFFFF_FFFFL;
                    case 9 -> b.getInt();
                    case 16, 17, 18 -> b.getLong();
                    default -> throw error("tag " + tag + " has type " + e.type + ", not an integer type");
                };
            }
            return v;
        }

        public long first(int tag, long otherwise) {
            long[] v = longs(tag);
            if (v == null) {
                return otherwise;
            }
            if (v.length == 0) {
                throw error("tag " + tag + " has no value");
            }
            return v[0];
        }

        /** The first value of a RATIONAL / FLOAT / DOUBLE tag, or NaN when absent. */
        public double number(int tag) {
            Entry e = entries.get(tag);
            if (e == null || e.count < 1) {
                return Double.NaN;
            }
            ByteBuffer b = e.raw.duplicate().order(order);
            return switch (e.type) {
                case 5 -> {
                    long num = b.getInt() & 0xFFFF_FFFFL;
                    long den = b.getInt() & 0xFFFF_FFFFL;
                    yield den == 0 ? Double.NaN : (double) num / den;
                }
                case 10 -> {
                    int num = b.getInt();
                    int den = b.getInt();
                    yield den == 0 ? Double.NaN : (double) num / den;
                }
                case 11 -> b.getFloat();
                case 12 -> b.getDouble();
                default -> first(tag, 0);
            };
        }

        /** An ASCII tag without its terminating NUL, or null when absent. */
        public String string(int tag) {
            byte[] b = bytes(tag);
            if (b == null) {
                return null;
            }
            int n = b.length;
            while (n > 0 && b[n - 1] == 0) {
                n--;
            }
            return new String(b, 0, n, StandardCharsets.UTF_8);
        }

        public byte[] bytes(int tag) {
            Entry e = entries.get(tag);
            if (e == null) {
                return null;
            }
            ByteBuffer b = e.raw.duplicate();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }

        /** An error about this directory: names the file and the directory. */
        public BundleException error(String message) {
            return new BundleException(file, name, message);
        }

        public BundleException error(String message, Throwable cause) {
            return new BundleException(file, name, message, cause);
        }

        @Override
        public String toString() {
            return name + " at " + offset;
        }
    }

    private TiffFile(Path file, FileChannel channel, long size, ByteOrder order, boolean big) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.order = order;
        this.big = big;
        this.directories = new ArrayList<>();
    }

    /** True when the first bytes are a TIFF or BigTIFF header (either byte order). */
    public static boolean isTiff(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        boolean ii = head[0] == 'I' && head[1] == 'I' && head[3] == 0 && (head[2] == 42 || head[2] == 43);
        boolean mm = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return ii || mm;
    }

    public static TiffFile open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new BundleException(file, "file", "cannot open: " + e, e);
        }
        try {
            TiffFile t = parseHeader(file, ch);
            t.readDirectories();
            return t;
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static TiffFile parseHeader(Path file, FileChannel ch) {
        try {
            long size = ch.size();
            ByteBuffer h = ByteBuffer.allocate(16);
            int n = 0;
            while (n < 16) {
                int r = ch.read(h, n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n < 8) {
                throw new BundleException(file, "header", "only " + n + " bytes: not a TIFF file");
            }
            ByteOrder order;
            if (h.get(0) == 'I' && h.get(1) == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (h.get(0) == 'M' && h.get(1) == 'M') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new BundleException(file, "header", "no TIFF byte-order mark (II or MM)");
            }
            h.order(order);
            int magic = h.getShort(2) & 0xFFFF;
            if (magic == 42) {
                return new TiffFile(file, ch, size, order, false);
            }
            if (magic == 43) {
                if (n < 16 || h.getShort(4) != 8) {
                    throw new BundleException(file, "header", "BigTIFF header with offset size " + h.getShort(4) + ", not 8");
                }
                return new TiffFile(file, ch, size, order, true);
            }
            throw new BundleException(file, "header", "version " + magic + " is neither TIFF (42) nor BigTIFF (43)");
        } catch (IOException e) {
            throw new BundleException(file, "header", "cannot read: " + e, e);
        }
    }

    private void readDirectories() {
        ByteBuffer head = read(big ? 8 : 4, big ? 8 : 4, "header");
        long next = big ? head.getLong() : head.getInt() & 0xFFFF_FFFFL;
        if (next == 0) {
            throw new BundleException(file, "header", "no image directory");
        }
        Set<Long> seen = new HashSet<>();
        int index = 0;
        while (next != 0) {
            String name = "IFD " + index;
            if (!seen.add(next) || seen.size() > MAX_DIRECTORIES) {
                throw new BundleException(file, name, "the directory chain loops back to offset " + next);
            }
            long[] nextOut = new long[1];
            Directory d = readDirectory(name, next, nextOut);
            directories.add(d);
            long[] subs = d.longs(330);
            if (subs != null) {
                for (int s = 0; s < subs.length; s++) {
                    if (!seen.add(subs[s])) {
                        throw new BundleException(file, name, "SubIFD " + s + " points at offset " + subs[s]
                                + ", already read as another directory");
                    }
                    d.subIfds.add(readDirectory(name + " SubIFD " + s, subs[s], new long[1]));
                }
            }
            next = nextOut[0];
            index++;
        }
    }

    private Directory readDirectory(String name, long at, long[] nextOut) {
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        int inline = big ? 8 : 4;
        if (at < (big ? 16 : 8) || at + countSize > size) {
            throw new BundleException(file, name, "directory offset " + at + " lies outside the file (" + size + " bytes)");
        }
        ByteBuffer c = read(at, countSize, name);
        long n = big ? c.getLong() : c.getShort() & 0xFFFF;
        if (n < 1 || n > 10_000 || at + countSize + n * entrySize + inline > size) {
            throw new BundleException(file, name, n + " entries at offset " + at + " do not fit in the file ("
                    + size + " bytes): truncated or not a directory");
        }
        ByteBuffer b = read(at + countSize, (int) (n * entrySize + inline), name);
        Map<Integer, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int tag = b.getShort() & 0xFFFF;
            int type = b.getShort() & 0xFFFF;
            long count = big ? b.getLong() : b.getInt() & 0xFFFF_FFFFL;
            int unit = typeSize(type);
            byte[] value = new byte[inline];
            b.get(value);
            if (unit == 0) {
                continue; // unknown types are skipped, as the TIFF specification asks
            }
            if (count < 0 || count > MAX_TAG_BYTES / unit) {
                throw new BundleException(file, name, "tag " + tag + " claims " + count + " values");
            }
            long bytes = count * unit;
            ByteBuffer raw;
            if (bytes <= inline) {
                raw = ByteBuffer.wrap(value, 0, (int) bytes).slice().order(order);
            } else {
                ByteBuffer off = ByteBuffer.wrap(value).order(order);
                long where = big ? off.getLong() : off.getInt() & 0xFFFF_FFFFL;
                if (where < 0 || where + bytes > size) {
                    throw new BundleException(file, name, "tag " + tag + ": " + bytes + " bytes of values at offset "
                            + where + " run past the end of the file (" + size + " bytes)");
                }
                raw = read(where, (int) bytes, name);
            }
            entries.put(tag, new Entry(tag, type, count, raw));
        }
        nextOut[0] = big ? b.getLong() : b.getInt() & 0xFFFF_FFFFL;
        return new Directory(name, at, entries);
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    /** {@code length} bytes at {@code offset}, in the file's byte order; {@code where} names the caller's directory in errors. */
    public ByteBuffer read(long offset, int length, String where) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new BundleException(file, where, length + " bytes at offset " + offset + " run past the end of the file ("
                    + size + " bytes): truncated?");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        try {
            while (b.hasRemaining()) {
                int r = channel.read(b, offset + b.position());
                if (r < 0) {
                    throw new BundleException(file, where, "end of file at offset " + (offset + b.position()));
                }
            }
        } catch (IOException e) {
            throw new BundleException(file, where, "cannot read " + length + " bytes at offset " + offset + ": " + e, e);
        }
        b.flip();
        return b.order(order);
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    public boolean bigTiff() {
        return big;
    }

    public ByteOrder order() {
        return order;
    }

    /** The main chain of directories, in file order; SubIFDs hang off them. */
    public List<Directory> directories() {
        return directories;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written; closing a read-only channel cannot lose data
        }
    }
}
