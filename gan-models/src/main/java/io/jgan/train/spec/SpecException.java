package io.jgan.train.spec;

/**
 * A run specification value that is out of range or inconsistent. The message speaks of the API's
 * names ({@code schedule.batchSize}); {@link #field()} lets a front end (the command line) name its
 * own option instead.
 */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;

    /**
     * @param field the specification's field, dotted ({@code optimizerG.lr})
     * @param problem what is wrong, without the field name ("must be > 0, got -1")
     */
    public SpecException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** @return the dotted field name */
    public String field() {
        return field;
    }

    /** @return what is wrong, without the field name */
    public String problem() {
        return problem;
    }

    static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new SpecException(field, problem);
        }
    }
}
