package org.seqvault.store.sql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** SQL text built piece by piece, with a fresh named parameter for every value appended. */
final class SqlFragment {
    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> args = new LinkedHashMap<>();

    SqlFragment sql(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends a parameter placeholder bound to {@code value} (never null: dynamic SQL binds only real values). */
    SqlFragment arg(Object value) {
        String name = "p" + args.size();
        args.put(name, value);
        text.append(':').append(name);
        return this;
    }

    /** Appends "(:p1, :p2, …)" for a non-empty IN list. */
    SqlFragment argList(Collection<?> values) {
        text.append('(');
        String separator = "";
        for (Object value : values) {
            text.append(separator);
            arg(value);
            separator = ", ";
        }
        text.append(')');
        return this;
    }

    String text() {
        return text.toString();
    }

    Map<String, Object> args() {
        return args;
    }
}
