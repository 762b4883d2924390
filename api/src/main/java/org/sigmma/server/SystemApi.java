package org.sigmma.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.Values;

/** Health, version and the OpenAPI document. */
final class SystemApi {

    static final String OPENAPI_RESOURCE = "/org/sigmma/server/openapi.json";

    private final GraphDatabaseService db;
    private final Map<String, Object> version;
    private final byte[] openApi;

    SystemApi(GraphDatabaseService db) {
        this.db = db;
        this.version = version(db);
        this.openApi = openApiDocument();
    }

    void register(Routes r) {
        r.getRaw("/api/health", this::health);
        r.get("/api/version", ctx -> version);
        r.getRaw("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    void health(Context ctx) {
        boolean up = db.isAvailable(1_000);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up ? "UP" : "DOWN");
        out.put("database", db.databaseName());
        ctx.status(up ? 200 : 503).json(out);
    }

    /** The platform's version (jar manifest) and the database's, read once at start. */
    static Map<String, Object> version(GraphDatabaseService db) {
        Map<String, Object> out = new LinkedHashMap<>();
        String v = SystemApi.class.getPackage().getImplementationVersion();
        out.put("sigmma", v == null ? "0.1.0-SNAPSHOT" : v);
        out.put("api", "v1");
        List<Map<String, Object>> rows = db.executeTransactionally(
                CypherLibrary.query(CypherLibrary.DBMS_COMPONENTS), Map.of(), r -> r.stream().toList());
        out.put("neo4j", rows.isEmpty() ? null : Values.asString(rows.get(0).get("version")));
        out.put("neo4jEdition", rows.isEmpty() ? null : Values.asString(rows.get(0).get("edition")));
        String gds;
        try {
            gds = db.executeTransactionally(CypherLibrary.query(CypherLibrary.GDS_VERSION), Map.of(),
                    r -> r.hasNext() ? Values.asString(r.next().get("v")) : null);
        } catch (RuntimeException e) {
            gds = null; // GDS not registered in this process
        }
        out.put("gds", gds);
        return out;
    }

    static byte[] openApiDocument() {
        try (InputStream in = SystemApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + OPENAPI_RESOURCE + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + OPENAPI_RESOURCE, e);
        }
    }
}
