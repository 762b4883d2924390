package org.sigmma.ingest.xenium;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens plain or gzip-compressed text files and turns I/O failures into {@link BundleException}s. */
final class GzipText {

    private GzipText() {
    }

    static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    static InputStream open(Path file) {
        try {
            InputStream raw = Files.newInputStream(file);
            if (!isGzip(file)) {
                return new BufferedInputStream(raw, 1 << 16);
            }
            try {
                return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new BundleException(file, "file", "missing");
        } catch (IOException e) {
            throw failure(file, e, "the start");
        }
    }

    /** Like {@link #open} without the outer buffer, for readers that read in large blocks themselves. */
    static InputStream openUnbuffered(Path file) {
        try {
            InputStream raw = Files.newInputStream(file);
            if (!isGzip(file)) {
                return raw;
            }
            try {
                return new GZIPInputStream(raw, 1 << 16);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new BundleException(file, "file", "missing");
        } catch (IOException e) {
            throw failure(file, e, "the start");
        }
    }

    /** The whole file as lines, for the small tables (features, barcodes, labels). */
    static List<String> lines(Path file) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        } catch (IOException e) {
            throw failure(file, e, "line " + (out.size() + 1));
        }
        return out;
    }

    /** Reads a gzip file to its end to prove it is whole; plain files pass. */
    static void checkWhole(Path file) {
        if (!isGzip(file)) {
            return;
        }
        byte[] buf = new byte[1 << 16];
        long n = 0;
        try (InputStream in = open(file)) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                n += r;
            }
        } catch (IOException e) {
            throw failure(file, e, "byte " + n + " of the uncompressed text");
        }
    }

    static BundleException failure(Path file, IOException e, String where) {
        if (e instanceof EOFException) {
            return new BundleException(file, "gzip", "truncated gzip stream: the file ends early, at " + where, e);
        }
        if (e instanceof ZipException) {
            return new BundleException(file, "gzip", "corrupt gzip stream at " + where + ": " + e.getMessage(), e);
        }
        return new BundleException(file, "file", "cannot read at " + where + ": " + e, e);
    }
}
