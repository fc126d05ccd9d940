package org.seqvault.domain;

/**
 * What a project carries for its users beyond name and description: its tags (the rules of file
 * tags) and its settings, a JSON object kept as its text (the platform's settings are free-form
 * to us: we store and return them, and act on none of them).
 */
public record ProjectDetails(Tags tags, String settingsJson) {
    /** The largest settings object kept, in UTF-8 bytes of its JSON text. */
    public static final int MAX_SETTINGS_BYTES = 16 * 1024;
    public static final ProjectDetails NONE = new ProjectDetails(Tags.EMPTY, "{}");

    public ProjectDetails {
        tags = tags == null ? Tags.EMPTY : tags;
        settingsJson = settingsJson == null ? "{}" : settingsJson;
        if (!settingsJson.startsWith("{")) {
            throw UserException.invalid("project settings must be a JSON object");
        }
        if (Checks.utf8Length(settingsJson) > MAX_SETTINGS_BYTES) {
            throw UserException.invalid("project settings must be at most " + MAX_SETTINGS_BYTES
                    + " bytes of JSON; this is " + Checks.utf8Length(settingsJson));
        }
    }
}
