package org.sigmma.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.sigmma.ingest.jobs.InboxPathException;
import org.sigmma.ingest.jobs.JobQueue;
import org.sigmma.store.GraphAccess;
import org.sigmma.store.jobs.Job;
import org.sigmma.store.jobs.JobRepository;

/**
 * Ingest jobs: submit a bundle folder of the inbox (write token), list them, read one. The jobs are read from the
 * graph, so a server without an inbox still shows those of earlier runs; submitting needs {@code serve --inbox}.
 */
final class JobsApi {

    private final JobRepository jobs;
    private final JobQueue queue;
    private final ServerConfig config;
    private final ObjectMapper json;

    /** @param queue the running queue, or null when the server has no inbox */
    JobsApi(GraphAccess access, JobQueue queue, ServerConfig config, ObjectMapper json) {
        this.jobs = new JobRepository(access);
        this.queue = queue;
        this.config = config;
        this.json = json;
    }

    void register(Routes r) {
        r.get("/api/jobs", this::list);
        r.get("/api/jobs/{id}", this::one);
        r.post("/api/jobs", this::submit);
    }

    Object list(Context ctx) {
        PageRequest page = Params.page(ctx, config);
        return Page.of(jobs.jobs(page.offset(), page.fetch()).stream().map(Job::toMap).toList(), page);
    }

    Object one(Context ctx) {
        String id = Params.path(ctx, "id");
        return jobs.job(id).orElseThrow(() -> ApiException.notFound("no job '" + id + "'")).toMap();
    }

    Object submit(Context ctx) {
        if (queue == null) {
            throw ApiException.conflict("this server has no inbox: start it with --inbox DIR to accept ingest jobs");
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (Exception e) {
            throw ApiException.badRequest("the body must be JSON {\"bundle\": \"<folder in the inbox>\", \"name\"?: \"..\"}");
        }
        if (body == null || !body.isObject() || !body.path("bundle").isTextual()) {
            throw ApiException.badRequest("'bundle' (a string: a folder inside the inbox) is required");
        }
        String bundle = body.get("bundle").asText();
        String name = body.path("name").isTextual() ? body.get("name").asText() : null;
        if (bundle.length() > 4096 || (name != null && name.length() > Params.MAX_ID_LENGTH)) {
            throw ApiException.badRequest("'bundle' or 'name' is too long");
        }
        try {
            Job job = queue.submit(bundle, name, "api");
            ctx.status(202);
            return job.toMap();
        } catch (InboxPathException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalArgumentException e) { // a name without letters or digits
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
