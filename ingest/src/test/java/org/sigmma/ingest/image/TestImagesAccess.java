package org.sigmma.ingest.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** {@link TestImages} for tests in other packages. */
public final class TestImagesAccess {

    private TestImagesAccess() {
    }

    public static BufferedImage pattern(int w, int h) {
        return TestImages.pattern(w, h);
    }

    public static BufferedImage gradient(int w, int h) {
        return TestImages.gradient(w, h);
    }

    public static Path jdkTiff(BufferedImage full, Path file, String compression, int tile, int levels) throws IOException {
        return TestImages.jdkTiff(full, file, compression, tile, levels);
    }
}
