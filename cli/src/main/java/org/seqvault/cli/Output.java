package org.seqvault.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seqvault.client.internal.Json;

/** How results are printed: JSON documents for scripts, aligned columns and human sizes for people. */
public final class Output {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private Output() {
    }

    /** One pretty-printed JSON document. */
    public static void json(PrintStream out, Object value) {
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print as JSON", e);
        }
    }

    /**
     * Rows as columns separated by two spaces; the columns named in {@code rightAligned} (sizes)
     * are padded on the left, and the last column is not padded.
     */
    public static void table(PrintStream out, List<String[]> rows, int... rightAligned) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String pad = " ".repeat(width[c] - row[c].length());
                int column = c;
                boolean right = Arrays.stream(rightAligned).anyMatch(r -> r == column);
                line.append(right ? pad + row[c] : (c < columns - 1 ? row[c] + pad : row[c]));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** 1536 → "1.5 KiB". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** UTC to the minute, or "-". */
    public static String time(Instant t) {
        return t == null ? "-" : MINUTES.format(t);
    }

    /** "a, b" or "-". */
    public static String list(List<String> items) {
        return items == null || items.isEmpty() ? "-" : String.join(",", items);
    }

    public static List<String[]> rows() {
        return new ArrayList<>();
    }
}
