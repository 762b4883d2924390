package org.sigmma.ingest.simulate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A fast writer of ASCII text to a (possibly gzip) file: numbers are formatted into a byte buffer without
 * building strings, which matters for matrix files of tens of millions of lines.
 */
final class TextOut implements AutoCloseable {

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;

    private TextOut(OutputStream out) {
        this.out = out;
    }

    /** A plain gzip stream (the JDK writes a zero modification time, so equal content gives equal bytes). */
    static TextOut gzip(Path file, int level) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return new TextOut(new GZIPOutputStream(raw, 1 << 16) {
            {
                def.setLevel(level);
            }
        });
    }

    static TextOut plain(Path file) throws IOException {
        return new TextOut(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    TextOut text(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > buf.length - n) {
            flushBuffer();
            if (b.length > buf.length) {
                out.write(b);
                return this;
            }
        }
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
        return this;
    }

    TextOut ch(char c) throws IOException {
        if (n == buf.length) {
            flushBuffer();
        }
        buf[n++] = (byte) c;
        return this;
    }

    TextOut num(long v) throws IOException {
        if (n > buf.length - 21) {
            flushBuffer();
        }
        if (v == 0) {
            buf[n++] = '0';
            return this;
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return text(Long.toString(v));
            }
            buf[n++] = '-';
            v = -v;
        }
        int start = n;
        while (v > 0) {
            buf[n++] = (byte) ('0' + v % 10);
            v /= 10;
        }
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** A double as Java prints it (shortest repr that reads back to the same double). */
    TextOut num(double v) throws IOException {
        return text(Double.toString(v));
    }

    /** A double rounded to {@code decimals} places, without exponent. */
    TextOut fixed(double v, int decimals) throws IOException {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long r = Math.round(Math.abs(v) * scale);
        if (v < 0 && r != 0) {
            ch('-');
        }
        num(r / scale);
        if (decimals > 0) {
            ch('.');
            String frac = Long.toString(r % scale);
            for (int i = frac.length(); i < decimals; i++) {
                ch('0');
            }
            text(frac);
        }
        return this;
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }

    static final int DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;
}
