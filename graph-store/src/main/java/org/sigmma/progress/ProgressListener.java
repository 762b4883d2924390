package org.sigmma.progress;

/**
 * Progress of a long job (ingest, simulation, training), shared by every module above the store. Library code
 * reports; the command line and the server decide how to show it.
 */
public interface ProgressListener {

    /** A new step begins; {@code units} names what is counted ("cells", "edges", "tiles"), {@code total} how many. */
    void step(String name, String units, long total);

    /** Work done so far in the current step, in its units. */
    void progress(long done);

    /** The current step ended. */
    default void stepDone() {
    }

    /** A free-form line of information (figures at the end of a step). */
    default void info(String message) {
    }

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void step(String name, String units, long total) {
        }

        @Override
        public void progress(long done) {
        }
    };
}
