package org.sigmma.ingest.jobs;

import java.nio.file.Path;
import org.sigmma.ingest.load.IngestParameters;
import org.sigmma.ingest.load.IngestReport;
import org.sigmma.ingest.load.SectionLoader;
import org.sigmma.ingest.xenium.ReadOptions;
import org.sigmma.progress.ProgressListener;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.jobs.Job;

/**
 * An ingest job: the bundle through the section loader with the inbox's settings (its LOADING -> READY flip keeps a
 * half section invisible), then, when the section is new or replaced, what the server was told to run after an ingest.
 */
public final class IngestJobRunner implements JobRunner {

    private final SectionLoader loader;
    private final InboxParameters params;
    private final AfterIngest after;
    private final ProgressListener progress;

    /** @param after run after a new or replaced section, or null */
    public IngestJobRunner(EmbeddedGraph graph, InboxParameters params, AfterIngest after, ProgressListener progress) {
        this.loader = new SectionLoader(graph);
        this.params = params;
        this.after = after;
        this.progress = progress;
    }

    @Override
    public Result run(Job job) throws Exception {
        IngestParameters p = params.ingest().withName(job.section())
                .withReplace(params.onChange() == InboxParameters.OnChange.REPLACE);
        IngestReport report;
        try {
            report = loader.ingest(Path.of(job.bundle()), ReadOptions.defaults(), p, progress);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("other content")) {
                throw new IllegalStateException("refused (--inbox-on-change refuse): " + e.getMessage(), e);
            }
            throw e;
        }
        String note = null;
        if (after != null && report.outcome() != IngestReport.Outcome.UNCHANGED) {
            try {
                note = after.run(report.sectionId());
            } catch (Exception e) {
                throw new IllegalStateException("section " + report.sectionId() + " " + report.outcome()
                        + ", but the step after the ingest failed: " + e.getMessage(), e);
            }
        }
        if (report.outcome() == IngestReport.Outcome.UNCHANGED) {
            note = "skipped: section " + report.sectionId() + " already holds this bundle (same content digest)";
        }
        return new Result(report.outcome().name(), report.sectionId(), note);
    }
}
