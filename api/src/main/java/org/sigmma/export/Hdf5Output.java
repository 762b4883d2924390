package org.sigmma.export;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an HDF5 file for writing with jHDF 0.13, around two faults of its (alpha) writer:
 * <ul>
 * <li>it opens the file without truncating it, so that bytes of an older, longer file survive: the file is deleted
 * first;</li>
 * <li>after writing the tree it writes its version string with a relative write, at wherever the channel was last
 * positioned (the end of the last dataset's data), which overwrites the object header that follows that dataset
 * when it was not the last object of the file (h5py: "bad object header version number"). Every relative write of
 * the writer is meant to append (the layout is sequential), so the channel is swapped for one whose relative writes
 * go to the end of the file.</li>
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

    /** Relative writes go to the end of the file; positioned writes as they were. */
    private static final class AppendingChannel extends HdfFileChannel {
        AppendingChannel(HdfFileChannel original) {
            super(original.getFileChannel(), original.getSuperblock());
        }

        @Override
        public int write(ByteBuffer buffer) {
            try {
                return write(buffer, getFileChannel().size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
