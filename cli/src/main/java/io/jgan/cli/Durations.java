package io.jgan.cli;

import picocli.CommandLine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses wall-clock durations such as {@code 90}, {@code 45s}, {@code 10m}, {@code 2h} or {@code 1h30m} into seconds. */
public final class Durations implements CommandLine.ITypeConverter<Long> {
    private static final Pattern PART = Pattern.compile("(\\d+)([smh]?)");

    @Override
    public Long convert(String value) {
        return seconds(value);
    }

    /**
     * @param text a duration: numbers with unit s, m or h (no unit: seconds), e.g. "1h30m"
     * @return the seconds, at least 1
     * @throws CommandLine.TypeConversionException if the text is not a positive duration
     */
    public static long seconds(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(s);
        long total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text + "' is too long a duration");
            }
            try {
                total = Math.addExact(total, Math.multiplyExact(n, switch (m.group(2)) {
                    case "h" -> 3600;
                    case "m" -> 60;
                    default -> 1;
                }));
            } catch (ArithmeticException e) {
                throw new CommandLine.TypeConversionException("'" + text + "' is too long a duration");
            }
            if (m.group(2).isEmpty() && m.start() != 0) {
                end = -1; // a bare number must be the whole value ("5m10" is ambiguous)
                break;
            }
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (e.g. 90s, 10m, 2h, 1h30m)");
        }
        if (total <= 0) {
            throw new CommandLine.TypeConversionException("'" + text + "' must be a positive duration");
        }
        return total;
    }

    /**
     * @param seconds a duration
     * @return it as e.g. "4m05s"
     */
    public static String format(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
