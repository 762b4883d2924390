package org.sigmma.ingest.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sigmma.ingest.image.tiff.TiffFile;
import org.sigmma.ingest.image.tiff.TiffHeImage;
import org.sigmma.ingest.xenium.BundleException;

/**
 * Opens an H&amp;E image with the reader that fits its content: TIFF and BigTIFF (whole-slide, pyramidal) go to
 * {@link TiffHeImage}; PNG and JPEG to {@link ImageIoHeImage}. Chosen by the first bytes, not the file name.
 */
public final class HeImages {

    private HeImages() {
    }

    public static HeImageSource open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "file", "missing");
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new BundleException(file, "file", "cannot read: " + e, e);
        }
        if (n == 4 && TiffFile.isTiff(head)) {
            return TiffHeImage.open(file);
        }
        return ImageIoHeImage.open(file);
    }
}
