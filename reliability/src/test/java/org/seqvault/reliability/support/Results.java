package org.seqvault.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures a harness measured, written to target/reliability-results/&lt;name&gt;.txt as
 * {@code key = value} lines, so docs/reliability.md quotes what a run really produced.
 */
public final class Results {
    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public Results(String name) {
        this.name = name;
    }

    public Results put(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    /** Writes the figures (replacing an earlier run's) and returns them as text for the test log. */
    public String write() {
        String text = "# " + name + ", " + Instant.now() + "\n" + figures.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n")) + "\n";
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability-results"));
            Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print(text);
        return text;
    }
}
