package org.sigmma.store.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sigmma.store.Values;

/**
 * One job of the queue, as stored in its (:Job) node: an ingest of a bundle folder into a section.
 *
 * @param status    QUEUED, RUNNING, DONE or FAILED
 * @param bundle    the bundle folder (absolute, inside the inbox)
 * @param section   the section it loads into (set when known)
 * @param signature what the bundle looked like when submitted (file count, bytes, newest modification)
 * @param source    who submitted it: "inbox" or "api"
 * @param outcome   for DONE: LOADED, REPLACED or UNCHANGED (the same bundle again: nothing was written)
 * @param reason    for FAILED: why; for DONE: what ran after the ingest, if anything
 */
public record Job(String id, long seq, String kind, JobStatus status, String bundle, String section, String signature,
                  String source, String outcome, String reason, String submittedAt, String startedAt,
                  String finishedAt) {

    static Job of(Object row) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) row;
        return new Job(Values.asString(m.get("id")), Values.asLong(m.get("seq")), Values.asString(m.get("kind")),
                JobStatus.valueOf(Values.asString(m.get("status"))), Values.asString(m.get("bundle")),
                Values.asString(m.get("section")), Values.asString(m.get("signature")),
                Values.asString(m.get("source")), Values.asString(m.get("outcome")), Values.asString(m.get("reason")),
                Values.asString(m.get("submittedAt")), Values.asString(m.get("startedAt")),
                Values.asString(m.get("finishedAt")));
    }

    /** The JSON shape of the REST API. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", kind);
        m.put("status", status.name());
        m.put("bundle", bundle);
        m.put("section", section);
        m.put("source", source);
        m.put("outcome", outcome);
        m.put("reason", reason);
        m.put("submittedAt", submittedAt);
        m.put("startedAt", startedAt);
        m.put("finishedAt", finishedAt);
        return m;
    }
}
