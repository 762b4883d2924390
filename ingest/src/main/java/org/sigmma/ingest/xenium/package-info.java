/**
 * Reading and validating a 10x Xenium output folder (a bundle): {@link org.sigmma.ingest.xenium.XeniumReader}
 * reads the cells table, the cell-feature matrix (gene-expression features only; control and blank features
 * summed per cell), the pixel size, optional labels and the registered H&amp;E image into a
 * {@link org.sigmma.ingest.xenium.XeniumBundle}. Every problem with the input is a
 * {@link org.sigmma.ingest.xenium.BundleException} whose message starts with the file and the field.
 *
 * <p>Units: cell centroids are micrometres, as Xenium writes them; the pixel size (micrometres per
 * morphology-image pixel) links them to Xenium's pixel coordinates.
 */
package org.sigmma.ingest.xenium;
