package org.sigmma.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh folders for tests, under java.io.tmpdir (which the build points into target/). */
public final class TestDirs {

    private TestDirs() {}

    public static Path fresh(String prefix) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(tmp);
        return Files.createTempDirectory(tmp, prefix);
    }
}
