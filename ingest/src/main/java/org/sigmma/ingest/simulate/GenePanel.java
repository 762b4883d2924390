package org.sigmma.ingest.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The gene panel and its programmes. Every gene belongs to one programme: a cell type's markers (micro),
 * a domain programme (macro), a niche programme (meso: inflammation driven by the immune share of the
 * neighbourhood, perivascular, hypoxia), a contact programme (arrangement: exhaustion of T cells touching
 * tumour, the interface programme of tumour cells touching stroma), housekeeping, or background. Programme
 * genes carry real symbols where the pool has them, then synthetic ones; the panel's order is shuffled.
 * Control probes, control codewords and blank codewords are listed apart, as Xenium does.
 */
public final class GenePanel {

    /** The kinds of programme, one per scale plus housekeeping and background. */
    public enum Kind { TYPE_MARKER, DOMAIN, NICHE, CONTACT, HOUSEKEEPING, BACKGROUND }

    /** A programme: its kind and name (a cell type, a domain, a niche or contact programme). */
    public record Programme(Kind kind, String name) {
    }

    public static final String INFLAMMATION = "inflammation";
    public static final String PERIVASCULAR = "perivascular";
    public static final String HYPOXIA = "hypoxia";
    public static final String EXHAUSTION = "exhaustion";
    public static final String INTERFACE = "interface";
    static final String[] NICHES = {INFLAMMATION, PERIVASCULAR, HYPOXIA};
    static final String[] CONTACTS = {EXHAUSTION, INTERFACE};

    /** 10x feature types of the control features. */
    public static final String GENE_EXPRESSION = "Gene Expression";
    public static final String CONTROL_PROBE = "Negative Control Probe";
    public static final String CONTROL_CODEWORD = "Negative Control Codeword";
    public static final String BLANK_CODEWORD = "Blank Codeword";

    private static final long STAGE = 0x6E7EL;
    static final double MARKER_LFC = 3.0;
    static final double DOMAIN_LFC = 1.8;
    static final double NICHE_LFC = 2.4;
    static final double CONTACT_LFC = 2.5;

    private static final Map<String, String[]> POOLS = new LinkedHashMap<>();

    static {
        pool("type:" + CellType.TUMOUR, "EPCAM KRT8 KRT18 KRT19 CDH1 ERBB2 MKI67 TOP2A CEACAM6 MUC1 ESR1 FOXA1 GATA3 TACSTD2 CLDN4 AGR2 SCD TFF1 CCND1 MYC");
        pool("type:" + CellType.EPITHELIAL, "KRT5 KRT14 KRT15 KRT17 TP63 KRT23 LTF PIGR SLPI ELF5 KIT SFRP1 OXTR CLDN1 KRT6B");
        pool("type:" + CellType.FIBROBLAST, "COL1A1 COL1A2 COL3A1 DCN LUM PDGFRA FBLN1 SFRP4 POSTN MMP2 COL6A3 FAP PDPN THY1 LRRC15");
        pool("type:" + CellType.ENDOTHELIAL, "PECAM1 VWF CDH5 CLDN5 KDR EMCN FLT1 TIE1 ESAM AQP1 EGFL7 ROBO4 CD34 MMRN1 SOX17");
        pool("type:" + CellType.PERICYTE, "PDGFRB RGS5 MYH11 ACTA2 CSPG4 NOTCH3 MCAM DES TAGLN CNN1 KCNJ8 ABCC9 HIGD1B MYLK LMOD1");
        pool("type:" + CellType.T_CELL, "CD3E CD3D CD2 CD8A CD4 IL7R TRAC CD247 LCK GZMK CD3G CD6 CD5 CCR7 CD8B");
        pool("type:" + CellType.B_CELL, "MS4A1 CD79A CD79B CD19 PAX5 BANK1 CD22 FCRL5 TNFRSF13C CR2 BLK FCRLA VPREB3 CD72 SPIB");
        pool("type:" + CellType.MACROPHAGE, "CD68 CD163 CSF1R C1QA C1QB MRC1 LYZ FCGR3A ITGAX APOE C1QC MS4A7 AIF1 TYROBP FCER1G");
        pool("type:" + CellType.ADIPOCYTE, "ADIPOQ PLIN1 LEP FABP4 LPL CIDEA CIDEC PPARG CD36 GPAM PLIN4 TRARG1 PCK1 LIPE G0S2");
        pool("domain:" + Domain.TUMOUR, "MMP11 COL11A1 CTHRC1 INHBA SULF1 COL10A1 MMP13 GREM1 WNT5A THBS2");
        pool("domain:" + Domain.STROMA, "SFRP2 MFAP5 PI16 DPT CFD OGN C7 ABCA8 SCARA5 CCDC80");
        pool("domain:" + Domain.IMMUNE_AGGREGATE, "CCL19 CCL21 CXCL13 LTB SELL CCR6 CD83 LAMP3 FDCSP CLEC4C");
        pool("domain:" + Domain.VESSEL_RICH, "ACKR1 PLVAP SELE CCL14 RAMP2 SELP IGFBP7 SPARCL1 GJA4 MGP");
        pool("domain:" + Domain.EPITHELIUM, "PIP SCGB2A2 ANKRD30A AZGP1 MUCL1 SCGB1D2 KRT7 CLDN8 DMKN TFAP2B");
        pool("domain:" + Domain.ADIPOSE, "SAA1 RBP4 APOD GPX3 CXCL14 MGST1 ADH1B CFH TIMP4 SLC19A3");
        pool("niche:" + INFLAMMATION, "CXCL9 CXCL10 STAT1 IDO1 GBP1 HLA-DRA CD274 IRF1 GBP5 PSMB9 TAP1 CXCL11 WARS1 ISG15 IFI27");
        pool("niche:" + PERIVASCULAR, "HEY1 HEYL JAG1 NR2F2 MEF2C ANGPT2 NOTCH1 DLL4 ESM1 APLN HES1 EFNB2 FOXC2 PTGDS SOX18");
        pool("niche:" + HYPOXIA, "VEGFA CA9 SLC2A1 LDHA PGK1 ADM NDRG1 BNIP3 ANKRD37 EGLN3 P4HA1 ENO1 PDK1 ERO1A MXI1");
        pool("contact:" + EXHAUSTION, "PDCD1 HAVCR2 LAG3 TOX TIGIT CTLA4 ENTPD1 LAYN BATF TNFRSF9 ITGAE NR4A2 GZMB PRF1 IFNG");
        pool("contact:" + INTERFACE, "VIM ZEB1 SNAI2 TGFBI FN1 SPARC MMP14 TWIST1 CDH2 ITGA5 LAMC2 SERPINE1 TNC PLAU LOX");
        pool("housekeeping", "ACTB GAPDH B2M RPLP0 EEF1A1 TPT1 MALAT1 UBC PPIA HSP90AB1 RPS18 TUBB POLR2A TBP HPRT1 YWHAZ SDHA GUSB HMBS RPL13A");
        Set<String> seen = new HashSet<>();
        for (String[] names : POOLS.values()) {
            for (String s : names) {
                if (!seen.add(s)) {
                    throw new IllegalStateException("gene symbol in two pools: " + s);
                }
            }
        }
    }

    private static void pool(String key, String names) {
        POOLS.put(key, names.split(" "));
    }

    private final String[] ids;
    private final String[] names;
    private final Programme[] programme;
    final double[] base;
    final double[][] typeLfc;
    final double[][] domainLfc;
    /** Extra log-expression per unit of the niche score (inflammation, perivascular, hypoxia), per gene. */
    final double[][] nicheLfc;
    /** Extra log-expression in the contact state (exhaustion, interface), per gene. */
    final double[][] contactLfc;
    private final String[] controlIds;
    private final String[] controlTypes;
    final double[] controlRate;

    private GenePanel(int genes, long seed) {
        SplittableRandom r = Random64.stream(seed, STAGE);
        int perType = clamp(0.025 * genes, 4, 60);
        int perDomain = clamp(0.015 * genes, 4, 40);
        int perNiche = clamp(0.012 * genes, 5, 30);
        int housekeeping = clamp(0.03 * genes, 3, 60);
        List<Programme> progs = new ArrayList<>();
        List<String> syms = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (CellType t : CellType.ALL) {
            add(progs, syms, used, new Programme(Kind.TYPE_MARKER, t.label()), "type:" + t, perType);
        }
        for (Domain d : Domain.ALL) {
            add(progs, syms, used, new Programme(Kind.DOMAIN, d.label()), "domain:" + d, perDomain);
        }
        for (String s : NICHES) {
            add(progs, syms, used, new Programme(Kind.NICHE, s), "niche:" + s, perNiche);
        }
        for (String s : CONTACTS) {
            add(progs, syms, used, new Programme(Kind.CONTACT, s), "contact:" + s, perNiche);
        }
        add(progs, syms, used, new Programme(Kind.HOUSEKEEPING, "housekeeping"), "housekeeping", housekeeping);
        if (progs.size() > genes) {
            throw new IllegalArgumentException("a panel of " + genes + " genes cannot hold the " + progs.size() + " programme genes");
        }
        int bg = 0;
        while (progs.size() < genes) {
            String name;
            do {
                name = String.format(java.util.Locale.ROOT, "SG%05d", ++bg);
            } while (used.contains(name));
            used.add(name);
            progs.add(new Programme(Kind.BACKGROUND, "background"));
            syms.add(name);
        }
        // shuffle the panel order so programmes are not blocks of consecutive features
        int[] order = new int[genes];
        for (int i = 0; i < genes; i++) {
            order[i] = i;
        }
        for (int i = genes - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        ids = new String[genes];
        names = new String[genes];
        programme = new Programme[genes];
        base = new double[genes];
        typeLfc = new double[CellType.ALL.length][genes];
        domainLfc = new double[Domain.ALL.length][genes];
        nicheLfc = new double[NICHES.length][genes];
        contactLfc = new double[CONTACTS.length][genes];
        for (int g = 0; g < genes; g++) {
            Programme p = progs.get(order[g]);
            ids[g] = String.format(java.util.Locale.ROOT, "ENSSIM%011d", g + 1);
            names[g] = syms.get(order[g]);
            programme[g] = p;
            for (CellType t : CellType.ALL) {
                typeLfc[t.ordinal()][g] = 0.25 * Random64.gaussian(r);
            }
            switch (p.kind()) {
                case TYPE_MARKER -> {
                    base[g] = -2.0 + (r.nextDouble() - 0.5);
                    typeLfc[typeOf(p.name()).ordinal()][g] += MARKER_LFC + (r.nextDouble() - 0.4);
                }
                case DOMAIN -> {
                    base[g] = -1.6 + 0.6 * (r.nextDouble() - 0.5);
                    domainLfc[domainOf(p.name()).ordinal()][g] = DOMAIN_LFC + 0.4 * (r.nextDouble() - 0.5);
                }
                case NICHE -> {
                    base[g] = -1.8 + 0.4 * (r.nextDouble() - 0.5);
                    nicheLfc[indexOf(NICHES, p.name())][g] = NICHE_LFC + 0.4 * (r.nextDouble() - 0.5);
                }
                case CONTACT -> {
                    base[g] = -2.2 + 0.4 * (r.nextDouble() - 0.5);
                    contactLfc[indexOf(CONTACTS, p.name())][g] = CONTACT_LFC + 0.4 * (r.nextDouble() - 0.5);
                }
                case HOUSEKEEPING -> base[g] = 1.2 + 0.8 * (r.nextDouble() - 0.5);
                default -> base[g] = -1.2 + 0.7 * Random64.gaussian(r);
            }
        }
        int probes = 20;
        int codewords = 41;
        int blanks = Math.max(20, Math.min(1000, genes / 2));
        controlIds = new String[probes + codewords + blanks];
        controlTypes = new String[controlIds.length];
        controlRate = new double[controlIds.length];
        int k = 0;
        for (int i = 0; i < probes; i++, k++) {
            controlIds[k] = String.format(java.util.Locale.ROOT, "NegControlProbe_%05d", i + 1);
            controlTypes[k] = CONTROL_PROBE;
            controlRate[k] = 0.002;
        }
        for (int i = 0; i < codewords; i++, k++) {
            controlIds[k] = String.format(java.util.Locale.ROOT, "NegControlCodeword_%04d", 500 + i);
            controlTypes[k] = CONTROL_CODEWORD;
            controlRate[k] = 0.0006;
        }
        for (int i = 0; i < blanks; i++, k++) {
            controlIds[k] = String.format(java.util.Locale.ROOT, "BLANK_%04d", i + 1);
            controlTypes[k] = BLANK_CODEWORD;
            controlRate[k] = 0.0008;
        }
    }

    /** The panel of {@code genes} gene-expression features for a seed. */
    public static GenePanel of(int genes, long seed) {
        return new GenePanel(genes, seed);
    }

    private static void add(List<Programme> progs, List<String> syms, Set<String> used, Programme p, String pool, int count) {
        String[] names = POOLS.getOrDefault(pool, new String[0]);
        String prefix = "SIM" + p.name().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        for (int i = 0; i < count; i++) {
            String s = i < names.length ? names[i] : prefix + (i + 1 - names.length);
            used.add(s);
            syms.add(s);
            progs.add(p);
        }
    }

    private static int clamp(double v, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, Math.round(v)));
    }

    private static int indexOf(String[] a, String s) {
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(s)) {
                return i;
            }
        }
        throw new IllegalArgumentException(s);
    }

    static CellType typeOf(String label) {
        for (CellType t : CellType.ALL) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException(label);
    }

    static Domain domainOf(String label) {
        for (Domain d : Domain.ALL) {
            if (d.label().equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException(label);
    }

    public int size() {
        return ids.length;
    }

    /** Gene ids (Ensembl-like, synthetic), in panel order. */
    public String[] ids() {
        return ids.clone();
    }

    /** Gene symbols, in panel order. */
    public String[] names() {
        return names.clone();
    }

    public String id(int g) {
        return ids[g];
    }

    public String name(int g) {
        return names[g];
    }

    public Programme programme(int g) {
        return programme[g];
    }

    /** Indices of the genes of one programme, in panel order. */
    public int[] genesOf(Kind kind, String name) {
        List<Integer> out = new ArrayList<>();
        for (int g = 0; g < programme.length; g++) {
            if (programme[g].kind() == kind && programme[g].name().equals(name)) {
                out.add(g);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The log fold change that defines a gene's membership of its programme (0 for housekeeping and background). */
    public double programmeEffect(int g) {
        Programme p = programme[g];
        return switch (p.kind()) {
            case TYPE_MARKER -> typeLfc[typeOf(p.name()).ordinal()][g];
            case DOMAIN -> domainLfc[domainOf(p.name()).ordinal()][g];
            case NICHE -> nicheLfc[indexOf(NICHES, p.name())][g];
            case CONTACT -> contactLfc[indexOf(CONTACTS, p.name())][g];
            default -> 0;
        };
    }

    /** Base log-expression (before programmes and library size), for the truth. */
    public double baseLogExpression(int g) {
        return base[g];
    }

    public int controlCount() {
        return controlIds.length;
    }

    /** Control feature names (also their ids, as Xenium writes them). */
    public String[] controlIds() {
        return controlIds.clone();
    }

    /** 10x feature types of the controls. */
    public String[] controlTypes() {
        return controlTypes.clone();
    }
}
