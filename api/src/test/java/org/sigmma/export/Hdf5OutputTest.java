package org.sigmma.export;

import static org.junit.jupiter.api.Assertions.*;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout that jHDF 0.13's own writer damages (its version string lands on the group written after the last
 * dataset's data; checked by hand: HdfFile.write gives "Object header v2 signature not matched" on reading g0), written
 * through {@link Hdf5Output} over a longer stale file, and read back object by object.
 */
class Hdf5OutputTest {

    @TempDir
    Path dir;

    @Test
    void everyGroupAndDatasetReadsBack() throws Exception {
        Path file = dir.resolve("t.h5");
        Files.write(file, new byte[1 << 16]);
        try (WritableHdfFile f = Hdf5Output.create(file)) {
            WritableGroup sub = f.putGroup("sub");
            for (int i = 0; i < 7; i++) {
                f.putGroup("g" + i).putAttribute("encoding-type", "dict");
                sub.putDataset("d" + i, new int[] {i, 10 * i});
            }
            f.putDataset("scalar", "text");
        }
        assertTrue(Files.size(file) < 1 << 16, "the stale longer file was replaced, not overwritten in place");
        try (HdfFile f = new HdfFile(file)) {
            for (int i = 0; i < 7; i++) {
                assertEquals("dict", ((Group) f.getChild("g" + i)).getAttribute("encoding-type").getData(), "g" + i);
                assertArrayEquals(new int[] {i, 10 * i}, (int[]) f.getDatasetByPath("sub/d" + i).getData());
            }
            assertEquals("text", f.getDatasetByPath("scalar").getData());
        }
    }
}
