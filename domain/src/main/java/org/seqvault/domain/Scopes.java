package org.seqvault.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A non-empty set of scopes; {@code admin} implies every other scope. */
public record Scopes(Set<Scope> values) {
    public Scopes {
        if (values == null || values.isEmpty()) {
            throw UserException.invalid("scopes must name at least one of files, projects, tokens, admin");
        }
        values = Set.copyOf(EnumSet.copyOf(values));
    }

    public static Scopes all() {
        return new Scopes(EnumSet.allOf(Scope.class));
    }

    public static Scopes of(Scope... scopes) {
        return new Scopes(Set.of(scopes));
    }

    public static Scopes parse(Collection<String> names) {
        if (names == null) {
            throw UserException.invalid("scopes is required");
        }
        EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
        for (String n : names) {
            set.add(Scope.parse(n));
        }
        return new Scopes(set);
    }

    public boolean allows(Scope needed) {
        return values.contains(Scope.ADMIN) || values.contains(needed);
    }

    /** True when every scope of {@code other} is allowed by this set. */
    public boolean covers(Scopes other) {
        return other.values.stream().allMatch(this::allows);
    }

    /** Wire names in a fixed order: files, projects, tokens, admin. */
    public List<String> wireNames() {
        List<String> names = new ArrayList<>();
        for (Scope s : EnumSet.copyOf(values)) {
            names.add(s.wireName());
        }
        return names;
    }
}
