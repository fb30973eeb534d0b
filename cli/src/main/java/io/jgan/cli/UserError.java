package io.jgan.cli;

/**
 * A mistake the user can fix (an argument, a missing or malformed input file): the command line
 * prints its message as one line and exits 2. Everything else that escapes a command, including an
 * {@link IllegalArgumentException} from inside the library, is internal: exit 1 with a log.
 * Commands throw this for their own checks and convert the library's complaints about values the
 * user supplied (a name, a configuration, a checkpoint) at the call that passed them.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the line to print
     */
    public UserError(String message) {
        super(message);
    }

    /**
     * @param cause the library's complaint about a value the user gave; its message is the line
     */
    public UserError(IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * @param context what was being read (a file name), prefixed to the message
     * @param cause the library's complaint
     */
    public UserError(String context, IllegalArgumentException cause) {
        super(context + ": " + cause.getMessage(), cause);
    }
}
