package org.sigmma.ingest.xenium;

import java.nio.file.Path;

/**
 * A Xenium bundle (or a file that goes with it) that cannot be read or does not validate.
 * The message always starts with the file and the field at fault: {@code "<file>: <field>: <message>"},
 * where the field is a column, a dataset, a key, or a part of the format (for example {@code "gzip"}),
 * and the message names the row or id when one is to blame.
 */
public final class BundleException extends RuntimeException {

    private final transient Path file;
    private final String field;

    public BundleException(Path file, String field, String message) {
        this(file, field, message, null);
    }

    public BundleException(Path file, String field, String message, Throwable cause) {
        super(file + ": " + field + ": " + message, cause);
        this.file = file;
        this.field = field;
    }

    /** The file at fault (for a missing file, the path where it was expected). */
    public Path file() {
        return file;
    }

    /** The column, dataset, key or format part at fault. */
    public String field() {
        return field;
    }
}
