package org.seqvault.server;

import java.util.regex.Pattern;

/** Hides secrets before a value is logged. */
final class Redaction {
    static final String REDACTED = "<redacted>";

    /** {@code scheme://user:secret@host} (also {@code jdbc:postgresql://user:secret@host}). */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#;]*):[^@/?#]*@");
    /** {@code ?password=x}, {@code &sslpassword=x}, {@code ;password=x}, {@code ?token=x}, … */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;]\\s*[\\w.-]*(?:password|passwd|pwd|secret|token|credential|access[_-]?key)[\\w.-]*\\s*=)[^&;]*");
    /** Oracle thin: {@code jdbc:oracle:thin:user/secret@host}. */
    private static final Pattern SLASH_USER_INFO = Pattern.compile("(?i)(jdbc:oracle:\\w+:[^/:@]+)/[^@]*@");

    private Redaction() {
    }

    /** A URL (JDBC or other) with any password, secret or token in it replaced by {@value #REDACTED}. */
    static String url(String url) {
        if (url == null) {
            return null;
        }
        String out = USER_INFO.matcher(url).replaceAll("$1:" + REDACTED + "@");
        out = SLASH_USER_INFO.matcher(out).replaceAll("$1/" + REDACTED + "@");
        return SECRET_PARAM.matcher(out).replaceAll("$1" + REDACTED);
    }

    /** {@value #REDACTED} when a secret is set, else the given text for "not set". */
    static String secret(String value, String whenUnset) {
        return value == null || value.isEmpty() ? whenUnset : REDACTED;
    }

    /** How many secrets a list holds, none of them shown: {@code [<redacted>, <redacted>]}. */
    static String secrets(java.util.List<String> values, String whenEmpty) {
        return values.isEmpty() ? whenEmpty : values.stream().map(v -> REDACTED).toList().toString();
    }
}
