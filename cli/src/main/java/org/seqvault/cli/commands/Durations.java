package org.seqvault.cli.commands;

import java.time.Duration;
import java.util.Locale;
import org.seqvault.cli.UsageException;

/** Durations as options take them: seconds ({@code 3600}) or a number with s, m, h or d ({@code 90s}, {@code 7d}). */
final class Durations {
    private Durations() {
    }

    /** The duration {@code value} of {@code option}; a UsageException naming the option when it is none. */
    static Duration parse(String option, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException | ArithmeticException e) {
            throw new UsageException(option + " '" + value + "': use seconds or a number with s, m, h or d");
        }
    }
}
