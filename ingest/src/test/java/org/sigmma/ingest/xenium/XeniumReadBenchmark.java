package org.sigmma.ingest.xenium;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Read times of the real sample, phase by phase; run with -Dtest.excludedGroups=none -Dgroups=benchmark. */
@Tag("benchmark")
class XeniumReadBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(XeniumReadBenchmark.class);

    @Test
    void readTheSample() {
        Path s = XeniumSampleTest.SAMPLE;
        for (int round = 1; round <= 5; round++) {
            long t0 = System.nanoTime();
            CellTable cells = CellTableReader.read(s.resolve("cells.csv.gz"));
            long t1 = System.nanoTime();
            FeatureMatrix m = H5MatrixReader.read(s.resolve("cell_feature_matrix.h5"));
            long t2 = System.nanoTime();
            XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(s);
            long t3 = System.nanoTime();
            LOG.info("round {}: cells.csv.gz {} ms ({} cells), h5 {} ms ({} non-zeros), whole bundle {} ms",
                    round, (t1 - t0) / 1_000_000, cells.size(), (t2 - t1) / 1_000_000, m.counts().nonZeros(),
                    (t3 - t2) / 1_000_000);
            if (b.cells().size() != cells.size()) {
                throw new AssertionError("bundle and table disagree");
            }
        }
    }
}
