package org.sigmma.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.sigmma.store.GraphAccess;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.Values;

/** Health, version and the OpenAPI document. */
final class SystemApi {

    static final String OPENAPI_RESOURCE = "/org/sigmma/server/openapi.json";

    private final GraphAccess access;
    private final Map<String, Object> version;
    private final byte[] openApi;

    SystemApi(GraphAccess access) {
        this.access = access;
        this.version = version(access);
        this.openApi = openApiDocument();
    }

    void register(Routes r) {
        r.getRaw("/api/health", this::health);
        r.get("/api/version", ctx -> version);
        r.getRaw("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    void health(Context ctx) {
        String database = null;
        try {
            List<Map<String, Object>> rows = access.read(CypherLibrary.query(CypherLibrary.DATABASE_INFO), Map.of(),
                    Duration.ofSeconds(1));
            database = rows.isEmpty() ? null : Values.asString(rows.get(0).get("database"));
        } catch (RuntimeException e) {
            // DOWN: the database did not answer within the second
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", database != null ? "UP" : "DOWN");
        out.put("database", database);
        ctx.status(database != null ? 200 : 503).json(out);
    }

    /** The platform's version (jar manifest) and the database's, read once at start. */
    static Map<String, Object> version(GraphAccess access) {
        Map<String, Object> out = new LinkedHashMap<>();
        String v = SystemApi.class.getPackage().getImplementationVersion();
        out.put("sigmma", v == null ? "0.1.0-SNAPSHOT" : v);
        out.put("api", "v1");
        List<Map<String, Object>> rows = access.read(CypherLibrary.query(CypherLibrary.DBMS_COMPONENTS), Map.of());
        out.put("neo4j", rows.isEmpty() ? null : Values.asString(rows.get(0).get("version")));
        out.put("neo4jEdition", rows.isEmpty() ? null : Values.asString(rows.get(0).get("edition")));
        String gds;
        try {
            gds = access.read(CypherLibrary.query(CypherLibrary.GDS_VERSION), Map.of()).stream()
                    .map(r -> Values.asString(r.get("v"))).findFirst().orElse(null);
        } catch (RuntimeException e) {
            gds = null; // GDS not registered in this process, or not installed on the server
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
