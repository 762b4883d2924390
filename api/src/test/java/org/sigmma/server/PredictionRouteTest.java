package org.sigmma.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sigmma.model.eval.EmbeddingPca;
import org.sigmma.model.eval.GenePredictor;
import org.sigmma.model.eval.PredictorFile;
import org.sigmma.model.eval.Ridge;
import org.sigmma.store.RunRepository;
import org.sigmma.store.Values;

/** GET /api/runs/{run}/tiles/{tileId}/prediction on a real server over the sample section. */
class PredictionRouteTest {

    static List<GenePredictor> predictors;

    @BeforeAll
    static void fitAndStoreAPredictor() throws Exception {
        Random r = new Random(11);
        int dim = ApiTestDatabase.EMBEDDING_DIM;
        String[] genes = {"GeneA", "GeneB", "GeneC"};
        double[][] concat = new double[30][3 * dim];
        double[][] macro = new double[30][dim];
        double[][] y = new double[30][3];
        for (int i = 0; i < 30; i++) {
            for (int d = 0; d < 3 * dim; d++) {
                concat[i][d] = r.nextGaussian();
            }
            System.arraycopy(concat[i], 2 * dim, macro[i], 0, dim);
            for (int g = 0; g < 3; g++) {
                y[i][g] = 1 + concat[i][g] - 0.5 * concat[i][2 * dim + g];
            }
        }
        EmbeddingPca pcaConcat = EmbeddingPca.fit(concat, 256);
        EmbeddingPca pcaMacro = EmbeddingPca.fit(macro, 256);
        predictors = List.of(
                new GenePredictor("he-macro", genes, pcaMacro, Ridge.fit(pcaMacro.transform(macro), y, 1)),
                new GenePredictor("he-concat", genes, pcaConcat, Ridge.fit(pcaConcat.transform(concat), y, 0.1)));
        Path file = Files.createTempDirectory("sigmma-predictor").resolve(PredictorFile.FILE_NAME);
        PredictorFile.write(predictors, file);
        new RunRepository(ApiTestDatabase.graph().access()).evaluation(ApiTestDatabase.RUN,
                "{\"geneExpression\": [{\"input\": \"he-concat\"}]}", file.toString());
    }

    private static double[] stored(String tile, String... properties) {
        Map<String, Object> row = ApiTestDatabase.query("MATCH (t:Tile {id: $id}) RETURN t.heMicro AS heMicro, "
                + "t.heMeso AS heMeso, t.heMacro AS heMacro", Map.of("id", tile)).get(0);
        int dim = ApiTestDatabase.EMBEDDING_DIM;
        double[] out = new double[properties.length * dim];
        for (int p = 0; p < properties.length; p++) {
            float[] v = Values.asFloatArray(row.get(properties[p]));
            for (int d = 0; d < dim; d++) {
                out[p * dim + d] = v[d];
            }
        }
        return out;
    }

    @Test
    void predictsTheGenesFromTheTilesStoredHeEmbedding() {
        String tile = ApiTestDatabase.denseTile();
        String base = "/api/runs/" + ApiTestDatabase.RUN + "/tiles/" + tile + "/prediction";
        double[] concat = predictors.get(1).predict(stored(tile, "heMicro", "heMeso", "heMacro"));
        double[] macro = predictors.get(0).predict(stored(tile, "heMacro"));
        Api.test(client -> {
            Api.Reply r = Api.get(client, base);
            assertEquals(200, r.status(), r.raw());
            JsonNode body = r.body();
            assertEquals("concat", body.get("embedding").asText());
            assertEquals(ApiTestDatabase.SECTION, body.get("section").asText());
            assertEquals(0.1, body.get("alpha").asDouble(), 1e-12);
            JsonNode genes = body.get("genes");
            assertEquals(3, genes.size());
            for (int g = 0; g < 3; g++) {
                assertEquals(List.of("GeneA", "GeneB", "GeneC").get(g), genes.get(g).get("gene").asText());
                assertEquals(concat[g], genes.get(g).get("predicted").asDouble(), 1e-5);
            }
            JsonNode m = Api.get(client, base + "?embedding=macro").body();
            assertEquals(macro[1], m.get("genes").get(1).get("predicted").asDouble(), 1e-5);
            assertNotEquals(concat[1], macro[1], 1e-6);
            // the run shows its evaluation as JSON
            JsonNode run = Api.get(client, "/api/runs/" + ApiTestDatabase.RUN).body();
            assertEquals("he-concat", run.get("evaluation").get("geneExpression").get(0).get("input").asText());
        });
    }

    @Test
    void errorsNameWhatIsMissing() {
        String run = ApiTestDatabase.RUN;
        Api.test(client -> {
            Api.Reply bad = Api.get(client, "/api/runs/" + run + "/tiles/" + ApiTestDatabase.denseTile()
                    + "/prediction?embedding=micro");
            assertEquals(400, bad.status());
            assertTrue(bad.body().get("error").asText().contains("embedding"), bad.raw());
            assertEquals(404, Api.get(client, "/api/runs/no-such-run/tiles/" + ApiTestDatabase.denseTile()
                    + "/prediction").status());
            assertEquals(404, Api.get(client, "/api/runs/" + run + "/tiles/no-such-tile/prediction").status());
            Api.Reply unembedded = Api.get(client, "/api/runs/" + run + "/tiles/" + ApiTestDatabase.unembeddedTile()
                    + "/prediction");
            assertEquals(409, unembedded.status());
            assertTrue(unembedded.body().get("error").asText().contains("sigmma embed"), unembedded.raw());
            Api.Reply noPredictor = Api.get(client, "/api/runs/" + ApiTestDatabase.OTHER_RUN + "/tiles/"
                    + ApiTestDatabase.denseTile() + "/prediction");
            assertEquals(409, noPredictor.status());
            assertTrue(noPredictor.body().get("error").asText().contains("sigmma evaluate"), noPredictor.raw());
        });
    }
}
