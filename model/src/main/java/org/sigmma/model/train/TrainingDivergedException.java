package org.sigmma.model.train;

/** Thrown when the loss or the gradients stop being finite; the last checkpoint stays intact. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
