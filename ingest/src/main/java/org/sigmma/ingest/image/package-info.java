/**
 * H&amp;E images registered to a Xenium section: the {@link org.sigmma.ingest.image.Affine} between image pixels
 * and micrometres (and the direction of 10x's alignment file), region-by-region access to large images
 * ({@link org.sigmma.ingest.image.HeImageSource}, {@link org.sigmma.ingest.image.ImageIoHeImage}) and
 * {@link org.sigmma.ingest.image.HeCropper}, which cuts micrometre squares out of them.
 */
package org.sigmma.ingest.image;
