package org.sigmma.ingest.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.sigmma.ingest.load.IngestParameters;

/**
 * How the watched inbox runs.
 *
 * @param dir      the inbox folder: each bundle is a folder directly inside it
 * @param poll     how often the folder is looked at; a bundle without a marker file must look the same at two
 *                 consecutive looks
 * @param onChange what a bundle whose content differs from the section of the same name does: REFUSE (the job FAILS
 *                 and the section stays as it was) or REPLACE (the section is replaced whole)
 * @param ingest   the ingest settings of every job (the name comes from the bundle folder or the request)
 */
public record InboxParameters(Path dir, Duration poll, OnChange onChange, IngestParameters ingest) {

    /** A changed bundle under an existing section name. */
    public enum OnChange {
        REFUSE, REPLACE;

        public static OnChange parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--inbox-on-change must be refuse or replace, not '" + s + "'");
            }
        }
    }

    public InboxParameters {
        if (dir == null) {
            throw new IllegalArgumentException("the inbox folder is required");
        }
        if (poll == null || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("the inbox poll interval must be positive, was " + poll);
        }
        if (onChange == null || ingest == null) {
            throw new IllegalArgumentException("onChange and ingest are required");
        }
    }

    public static InboxParameters of(Path dir) {
        return new InboxParameters(dir, Duration.ofSeconds(5), OnChange.REFUSE, IngestParameters.defaults());
    }

    public InboxParameters withPoll(Duration d) {
        return new InboxParameters(dir, d, onChange, ingest);
    }

    public InboxParameters withOnChange(OnChange c) {
        return new InboxParameters(dir, poll, c, ingest);
    }

    public InboxParameters withIngest(IngestParameters p) {
        return new InboxParameters(dir, poll, onChange, p);
    }
}
