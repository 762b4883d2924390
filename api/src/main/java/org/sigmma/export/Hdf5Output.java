package org.sigmma.export;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an HDF5 file for writing with jHDF 0.13, around two faults of its (alpha) writer:
 * <ul>
 * <li>it opens the file without truncating it, so that bytes of an older, longer file survive: the file is deleted
 * first;</li>
 * <li>after writing the tree it writes its version string with a relative write, at wherever the channel was last
 * positioned (the end of the last dataset's data), which overwrites the object header that follows that dataset
 * when it was not the last object of the file (h5py: "bad object header version number"). A dataset's data is
 * written (relative, after positioning) before its header, so a legitimate relative write starts at or beyond the end
 * of the file; the channel is swapped for one whose relative writes start no earlier than the end of the file.</li>
 * </ul>
 * The tests read every object of the files back, so a jHDF that changes either behaviour is noticed.
 */
final class Hdf5Output {

    private Hdf5Output() {
    }

    static WritableHdfFile create(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
        WritableHdfFile f = HdfFile.write(file);
        try {
            Field field = WritableHdfFile.class.getDeclaredField("hdfFileChannel");
            field.setAccessible(true);
            HdfFileChannel original = (HdfFileChannel) field.get(f);
            field.set(f, new AppendingChannel(original));
        } catch (ReflectiveOperationException | RuntimeException e) {
            f.close();
            throw new IllegalStateException("this jHDF version's writer is not the one Hdf5Output was written for: " + e, e);
        }
        return f;
    }

    /** Relative writes start at the later of the channel's position and the end of the file; positioned writes as they were. */
    private static final class AppendingChannel extends HdfFileChannel {
        AppendingChannel(HdfFileChannel original) {
            super(original.getFileChannel(), original.getSuperblock());
        }

        @Override
        public int write(ByteBuffer buffer) {
            try {
                FileChannel fc = getFileChannel();
                fc.position(Math.max(fc.position(), fc.size()));
                return fc.write(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
