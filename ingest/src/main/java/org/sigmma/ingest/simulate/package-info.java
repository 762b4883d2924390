/**
 * Simulated Xenium sections with a paired H&amp;E image and known structure at three scales.
 * {@link org.sigmma.ingest.simulate.SectionSimulator#simulate} turns {@link org.sigmma.ingest.simulate.SimulationParameters}
 * into a {@link org.sigmma.ingest.simulate.SimulatedSection} (cells, truth, counts, image geometry);
 * {@link org.sigmma.ingest.simulate.BundleWriter#write} writes it as a Xenium output folder with the H&amp;E image
 * (rendered tile by tile by {@link org.sigmma.ingest.simulate.HeRenderer}) and a {@code truth/} folder;
 * {@code sigmma simulate} (api module) is its command line. See docs/simulator.md.
 */
package org.sigmma.ingest.simulate;
