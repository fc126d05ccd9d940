package org.seqvault.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.cli.UsageException;

/** {@code key=value} arguments (the value may itself hold '='). */
final class KeyValues {
    private KeyValues() {
    }

    static Map.Entry<String, String> parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("'" + text + "' is not KEY=VALUE");
        }
        return Map.entry(text.substring(0, eq), text.substring(eq + 1));
    }

    /** In order; a key given twice keeps its last value. */
    static Map<String, String> map(List<String> texts) {
        Map<String, String> m = new LinkedHashMap<>();
        texts.forEach(t -> {
            Map.Entry<String, String> kv = parse(t);
            m.put(kv.getKey(), kv.getValue());
        });
        return m;
    }

    /** In order; a key given twice keeps both values (a filter: either). */
    static Map<String, List<String>> grouped(List<String> texts) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        texts.forEach(t -> {
            Map.Entry<String, String> kv = parse(t);
            m.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
        });
        return m;
    }
}
