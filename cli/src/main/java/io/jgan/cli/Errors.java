package io.jgan.cli;

import io.jgan.datasets.DatasetFormatException;
import io.jgan.datasets.download.DownloadException;
import io.jgan.models.checkpoint.CheckpointException;
import io.jgan.tensor.io.SafetensorsFormatException;
import io.jgan.train.TrainingDivergedException;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Turns what a command threw into an exit code and one line on stderr. Bad input ({@link UserError},
 * missing or corrupt files) is the user's to fix, so it gets the message only; anything else,
 * including an {@link IllegalArgumentException} from inside the library, is a bug or an environment
 * failure, whose stack trace goes to a log file the line names.
 */
final class Errors {
    private Errors() {}

    /** A failure inside a run directory: the log goes there, beside the run's other files. */
    static final class InRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Path runDir;

        InRunException(Path runDir, Throwable cause) {
            super(cause);
            this.runDir = runDir;
        }
    }

    /**
     * @param ex what the command threw
     * @param command the command's name, to prefix the line
     * @param err standard error
     * @return the exit code
     */
    static int report(Throwable ex, String command, PrintStream err) {
        Path logDir = null;
        Throwable cause = ex;
        while (true) {
            if (cause instanceof InRunException r && r.getCause() != null) {
                logDir = r.runDir;
                cause = r.getCause();
            } else if (cause instanceof UncheckedIOException u && u.getCause() != null) {
                cause = u.getCause();
            } else {
                break;
            }
        }
        String userMessage = userMessage(cause);
        if (userMessage != null) {
            err.println(command + ": " + oneLine(userMessage));
            return Main.USAGE;
        }
        if (cause instanceof TrainingDivergedException) {
            err.println(command + ": stopped: " + oneLine(cause.getMessage()));
            return Main.DIVERGED;
        }
        if (cause instanceof DownloadException) {
            err.println(command + ": " + oneLine(cause.getMessage()));
            return Main.INTERNAL;
        }
        String where;
        try {
            where = writeLog(cause, logDir).toString();
        } catch (IOException | RuntimeException e) {
            where = "no log: " + e.getMessage();
        }
        err.println(command + ": internal error: " + oneLine(String.valueOf(cause)) + " (stack trace in " + where + ")");
        return Main.INTERNAL;
    }

    /** @return the message for bad user input, or null when the failure is internal */
    static String userMessage(Throwable t) {
        return switch (t) {
            case UserError u -> u.getMessage();
            // A bare IllegalArgumentException here comes from inside the library (a shape bug, say):
            // the commands convert complaints about the user's values into UserError where they pass them.
            case DatasetFormatException d -> d.getMessage();
            case SafetensorsFormatException s -> s.getMessage();
            case CheckpointException c -> c.getMessage();
            case NoSuchFileException n -> "no such file: " + n.getFile() + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
            case NotDirectoryException n -> "not a directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            // A truncated or damaged compressed input surfaces as these from the JDK's readers.
            case EOFException e -> "unexpected end of input file" + (e.getMessage() != null ? ": " + e.getMessage() : "");
            case ZipException z -> "corrupt compressed file: " + z.getMessage();
            default -> null;
        };
    }

    private static Path writeLog(Throwable t, Path dir) throws IOException {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        Path file;
        if (dir != null && Files.isDirectory(dir)) {
            file = dir.resolve("error.log");
            Files.writeString(file, sw.toString(), StandardCharsets.UTF_8);
        } else {
            file = Files.createTempFile("jgan-error-", ".log");
            Files.writeString(file, sw.toString(), StandardCharsets.UTF_8);
        }
        return file;
    }

    /**
     * @param s a message, possibly multi-line or null
     * @return it on one line
     */
    static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
