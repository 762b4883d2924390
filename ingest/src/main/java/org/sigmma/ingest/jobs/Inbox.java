package org.sigmma.ingest.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The watched folder: which bundle folders inside it are complete, and whether a path names a folder inside it. A
 * bundle is complete when it holds a marker file ({@value #MARKER} or {@code READY}), or when its signature (files,
 * bytes, newest modification) is the same at two consecutive looks: a copy still under way changes between looks.
 */
public final class Inbox {

    /** Marker files an instrument or a copy script writes last. */
    public static final String MARKER = ".complete";
    static final Set<String> MARKERS = Set.of(MARKER, "READY");
    /** How deep a bundle is looked into (Xenium's MEX matrix is one folder down). */
    private static final int DEPTH = 4;

    private final Path root;
    private final Path rootReal;
    /** The signature each bundle had at the previous look. */
    private final Map<Path, String> lastLook = new HashMap<>();

    public Inbox(Path dir) {
        try {
            Files.createDirectories(dir);
            this.root = dir.toAbsolutePath().normalize();
            this.rootReal = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("opening the inbox " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return rootReal;
    }

    /** A bundle ready to ingest, with the signature it has now. */
    public record Ready(Path bundle, String signature) {
    }

    /** One look at the folder: the bundles complete now (hidden folders, whose names start with '.', are skipped). */
    public List<Ready> look() {
        List<Ready> ready = new ArrayList<>();
        Map<Path, String> seen = new HashMap<>();
        try (Stream<Path> s = Files.list(rootReal)) {
            for (Path p : s.sorted().toList()) {
                if (p.getFileName().toString().startsWith(".") || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String sig = signature(p);
                seen.put(p, sig);
                boolean marked = MARKERS.stream().anyMatch(m -> Files.isRegularFile(p.resolve(m)));
                boolean stable = sig.equals(lastLook.get(p)) && !sig.startsWith("0 files");
                if (marked || stable) {
                    ready.add(new Ready(p, sig));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing the inbox " + rootReal + ": " + e.getMessage(), e);
        }
        lastLook.clear();
        lastLook.putAll(seen);
        return ready;
    }

    /** Files, bytes and the newest modification of a bundle, marker files left out (adding one changes nothing). */
    public static String signature(Path bundle) {
        long[] files = {0};
        long[] bytes = {0};
        long[] newest = {0};
        try (Stream<Path> s = Files.walk(bundle, DEPTH)) {
            s.forEach(p -> {
                if (MARKERS.contains(p.getFileName().toString())) {
                    return;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        files[0]++;
                        bytes[0] += a.size();
                        newest[0] = Math.max(newest[0], a.lastModifiedTime().toMillis());
                    }
                } catch (IOException e) {
                    // a file removed while we look: the next look sees a different signature
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "unreadable " + System.nanoTime();
        }
        return files[0] + " files, " + bytes[0] + " bytes, modified " + newest[0];
    }

    /**
     * The bundle folder a request names, as a real path inside the inbox: relative to the inbox, or absolute and inside
     * it. Refused: '..' segments, paths elsewhere, the inbox itself, something that is not a folder, and a folder or a
     * file in it that a symbolic link leads out of the inbox.
     */
    public Path confine(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new InboxPathException("'bundle' is required: a folder inside the inbox");
        }
        Path given;
        try {
            given = Path.of(requested.strip());
        } catch (InvalidPathException e) {
            throw new InboxPathException("'bundle' is not a valid path: " + e.getReason());
        }
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw new InboxPathException("'bundle' must not contain '..': bundles are folders inside the inbox");
            }
        }
        Path candidate = given.isAbsolute() ? given.normalize() : root.resolve(given).normalize();
        if (!candidate.startsWith(root) && !candidate.startsWith(rootReal)) {
            throw new InboxPathException("'bundle' is outside the inbox (bundles are folders inside it)");
        }
        if (!Files.isDirectory(candidate)) {
            throw new InboxPathException("'bundle' names no folder in the inbox: " + given);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new InboxPathException("'bundle' cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(rootReal) || real.equals(rootReal)) {
            throw new InboxPathException("'bundle' leads out of the inbox (a symbolic link) or is the inbox itself");
        }
        try (Stream<Path> s = Files.walk(real, DEPTH)) {
            for (Path p : s.toList()) {
                if (Files.isSymbolicLink(p) && !p.toRealPath().startsWith(rootReal)) {
                    throw new InboxPathException("'bundle' holds a symbolic link out of the inbox: " + real.relativize(p));
                }
            }
        } catch (IOException e) {
            throw new InboxPathException("'bundle' holds a file that cannot be resolved: " + e.getMessage());
        }
        return real;
    }
}
