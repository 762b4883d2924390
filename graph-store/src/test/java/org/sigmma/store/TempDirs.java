package org.sigmma.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary folders for every module's tests (graph-store's test jar), under java.io.tmpdir, which the build points
 * at target/tmp and nothing else creates: a folder for a database shared by a whole test class ({@link #create}), or
 * JUnit's {@code @TempDir(factory = TempDirs.Factory.class)}.
 */
public final class TempDirs {
    private TempDirs() {
    }

    /** A fresh folder under java.io.tmpdir (created first when missing). */
    public static Path create(String prefix) throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(root);
        return Files.createTempDirectory(root, prefix);
    }

    /** Copies a folder and everything in it to {@code to} (created; files there are overwritten). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the OS cleans java.io.tmpdir
        }
    }

    /** JUnit's temporary folders, made by {@link #create}. */
    public static final class Factory implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            return create("junit");
        }
    }
}
