package org.sigmma.model.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkSummaryTest {

    @Test
    void tablesAverageOverSeedsAndCarryTheSanityRows() {
        List<BenchmarkSummary.Model> models = List.of(
                new BenchmarkSummary.Model("other", "Other model", false, true, false, true),
                new BenchmarkSummary.Model("sigmma", "SIGMMA", true, true, true, true));
        Map<String, List<Evaluation.Report>> reports = new LinkedHashMap<>();
        ProbeParameters p = ProbeParameters.defaults();
        reports.put("other", List.of(Evaluation.run(EvaluationTest.input(1, true, false), p),
                Evaluation.run(EvaluationTest.input(2, true, false), p)));
        reports.put("sigmma", List.of(Evaluation.run(EvaluationTest.input(3, true, true), p),
                Evaluation.run(EvaluationTest.input(4, true, true), p)));
        String md = BenchmarkSummary.markdown(models, reports);
        double a = reports.get("sigmma").get(0).row("he-concat").perGenePcc().mean();
        double b = reports.get("sigmma").get(1).row("he-concat").perGenePcc().mean();
        // mean ± population std of two seeds: (a + b) / 2 ± |a - b| / 2
        String expected = String.format(Locale.ROOT, "%.3f ± %.3f", (a + b) / 2, Math.abs(a - b) / 2);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| SIGMMA |") && l.contains(expected)), md);
        assertTrue(md.contains("*sanity: training mean for every tile*"), md);
        assertTrue(md.contains("*sanity: ridge on the true cell-type composition*"), md);
        assertTrue(md.contains("own domain"), md);
        assertTrue(md.contains("| - | ✓ | - |"), "Table 4 marks the components: " + md);
        Map<String, Object> tree = BenchmarkSummary.tree(models, reports);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) ((Map<String, Object>) tree.get("sigmma")).get("metrics");
        @SuppressWarnings("unchecked")
        Map<String, Object> gene = (Map<String, Object>) metrics.get("he-concat.pccPerGene");
        assertEquals(List.of(a, b), gene.get("seeds"));
    }
}
