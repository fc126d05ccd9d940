package org.seqvault.domain;

import java.util.regex.Pattern;

/** A Seven Bridges project id, "owner/slug". */
public record ProjectRef(Username owner, String slug) {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9_-]{1,100}");

    public ProjectRef {
        if (owner == null || slug == null || !SLUG.matcher(slug).matches()) {
            throw new UserException(Problem.INVALID_PROJECT_ID,
                    "project slug " + (slug == null ? "null" : Checks.quote(slug)) + " must match [a-z0-9_-]{1,100}");
        }
    }

    /** Parses "owner/slug"; anything else is INVALID_PROJECT_ID. */
    public static ProjectRef parse(String id) {
        if (id == null || id.isEmpty()) {
            throw new UserException(Problem.INVALID_PROJECT_ID, "project id is required, as owner/slug");
        }
        int slash = id.indexOf('/');
        if (slash <= 0 || slash != id.lastIndexOf('/')) {
            throw new UserException(Problem.INVALID_PROJECT_ID,
                    "project id " + Checks.quote(id) + " must have the form owner/slug");
        }
        try {
            return new ProjectRef(new Username(id.substring(0, slash)), id.substring(slash + 1));
        } catch (UserException e) {
            throw new UserException(Problem.INVALID_PROJECT_ID,
                    "project id " + Checks.quote(id) + " must have the form owner/slug");
        }
    }

    /** Derives a slug from a project name: lowercase, runs of other characters become '-'. */
    public static String slugOf(String name) {
        String slug = name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            slug = "project";
        }
        return slug.length() > 80 ? slug.substring(0, 80) : slug;
    }

    public String id() {
        return owner.value() + "/" + slug;
    }

    @Override
    public String toString() {
        return id();
    }
}
