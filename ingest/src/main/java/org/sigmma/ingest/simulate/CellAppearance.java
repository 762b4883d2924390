package org.sigmma.ingest.simulate;

import java.util.SplittableRandom;

/**
 * How each cell is drawn in H&amp;E: nucleus semi-axes, orientation, darkness, chromatin texture and nucleolus;
 * cytoplasm reach, eosin and haematoxylin uptake and texture. Type appearance is blended toward the average
 * cell by {@code microStrength}; contact states change it by {@code arrangementStrength} (exhausted T cells:
 * smaller, darker nuclei; tumour cells at a stromal interface: eosinophilic cytoplasm, elongated nuclei);
 * hypoxia pales and vacuolates tumour cytoplasm by {@code mesoStrength}.
 */
final class CellAppearance {

    private static final long STAGE = 0xA99EL;

    final float[] nucleusA;
    final float[] nucleusB;
    final float[] angle;
    final float[] darkness;
    final float[] texture;
    final float[] nucleolus;
    final float[] cytoplasmRadius;
    final float[] cytoplasmEosin;
    final float[] cytoplasmHaematoxylin;
    final float[] cytoplasmTexture;

    CellAppearance(int n) {
        nucleusA = new float[n];
        nucleusB = new float[n];
        angle = new float[n];
        darkness = new float[n];
        texture = new float[n];
        nucleolus = new float[n];
        cytoplasmRadius = new float[n];
        cytoplasmEosin = new float[n];
        cytoplasmHaematoxylin = new float[n];
        cytoplasmTexture = new float[n];
    }

    static CellAppearance of(SimulationParameters p, CellType[] type, double[] orientation, ContactState[] contact,
                             double[] hypoxia) {
        int n = type.length;
        CellAppearance a = new CellAppearance(n);
        double s = p.microStrength();
        double arr = p.arrangementStrength();
        double meso = p.mesoStrength();
        double[] mean = new double[8];
        for (CellType t : CellType.ALL) {
            double[] v = values(t);
            for (int k = 0; k < v.length; k++) {
                mean[k] += v[k] / CellType.ALL.length;
            }
        }
        for (int c = 0; c < n; c++) {
            CellType t = type[c];
            double[] v = values(t);
            double[] b = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                b[k] = mean[k] + s * (v[k] - mean[k]);
            }
            SplittableRandom r = Random64.stream(p.seed(), STAGE, c);
            // tumour nuclei are pleomorphic: they vary more in size and darkness
            double spread = t == CellType.TUMOUR ? 0.07 + 0.09 * s : 0.07;
            double radius = Math.max(0.8, b[0] * Math.exp(spread * Random64.gaussian(r)));
            double aspect = Math.max(1, Math.exp(b[1] + 0.08 * Random64.gaussian(r)));
            double dark = Math.max(0.2, b[2] * Math.exp((spread + 0.01) * Random64.gaussian(r)));
            double cytoE = Math.max(0.05, b[5] * Math.exp(0.08 * Random64.gaussian(r)));
            double cytoH = Math.max(0, b[6]);
            double cytoTex = t == CellType.MACROPHAGE ? 0.25 + 0.45 * s : 0.25;
            double nucleolus = Math.min(1, Math.max(0, t.nucleolus ? s : 0));
            if (contact[c] == ContactState.T_CELL_TUMOUR_CONTACT) {
                radius *= Math.max(0.5, 1 - 0.22 * arr);
                dark *= 1 + 0.30 * arr;
            } else if (contact[c] == ContactState.TUMOUR_STROMA_INTERFACE) {
                cytoE *= 1 + 0.8 * arr;
                cytoH *= Math.max(0, 1 - 0.7 * arr);
                aspect *= 1 + 0.6 * arr;
            }
            if (hypoxia[c] > 0) {
                cytoE *= Math.max(0.2, 1 - 0.45 * meso * hypoxia[c]);
                cytoTex += 0.4 * meso * hypoxia[c];
            }
            double sq = Math.sqrt(aspect);
            a.nucleusA[c] = (float) (radius * sq);
            a.nucleusB[c] = (float) (radius / sq);
            a.angle[c] = (float) orientation[c];
            a.darkness[c] = (float) dark;
            a.texture[c] = (float) Math.max(0, b[3]);
            a.nucleolus[c] = (float) nucleolus;
            a.cytoplasmRadius[c] = (float) Math.max(radius + 0.5, b[4]);
            a.cytoplasmEosin[c] = (float) cytoE;
            a.cytoplasmHaematoxylin[c] = (float) cytoH;
            a.cytoplasmTexture[c] = (float) cytoTex;
        }
        return a;
    }

    /** A type's appearance as blendable numbers (aspect as a logarithm). */
    private static double[] values(CellType t) {
        return new double[] {t.nucleusRadius, Math.log(t.aspect), t.darkness, t.texture, t.cytoplasmRadius,
            t.cytoplasmEosin, t.cytoplasmHaematoxylin, 0};
    }

    double nucleusArea(int c) {
        return Math.PI * nucleusA[c] * nucleusB[c];
    }
}
