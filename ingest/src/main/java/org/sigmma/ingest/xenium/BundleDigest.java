package org.sigmma.ingest.xenium;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over a section's input files in a fixed role order. Each file contributes its role name, its
 * length and its bytes, so the digest changes when a file's content or role changes but not when the
 * folder is moved or renamed.
 */
final class BundleDigest {

    private BundleDigest() {
    }

    static String sha256(List<BundleFiles.Input> inputs) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        for (BundleFiles.Input in : inputs) {
            Path file = in.file();
            md.update(in.role().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            try {
                md.update(ByteBuffer.allocate(8).putLong(Files.size(file)).array());
                try (InputStream is = Files.newInputStream(file)) {
                    int n;
                    while ((n = is.read(buf)) >= 0) {
                        md.update(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                throw new BundleException(file, "file", "cannot read for the digest: " + e, e);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
