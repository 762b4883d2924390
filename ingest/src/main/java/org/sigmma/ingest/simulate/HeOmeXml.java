package org.sigmma.ingest.simulate;

/** The OME-XML ImageDescription the simulator puts in its H&amp;E TIFFs (PhysicalSizeX/Y in micrometres). */
public final class HeOmeXml {

    private HeOmeXml() {
    }

    public static String of(int width, int height, double umPerPx) {
        return HeImageWriter.omeXml(width, height, umPerPx);
    }
}
