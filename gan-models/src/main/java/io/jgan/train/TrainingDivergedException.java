package io.jgan.train;

/** Training stopped because too many consecutive steps produced non-finite losses, gradients or weights. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, with the step and the count */
    public TrainingDivergedException(String message) {
        super(message);
    }

    /** @param message what happened and where the last good state was saved @param cause the guard's exception */
    public TrainingDivergedException(String message, Throwable cause) {
        super(message, cause);
    }
}
