package org.seqvault.cli.commands;

import java.io.File;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a name the server gives may become a local file or directory name as it is. The
 * server's own rules refuse all of these; a server that breaks them (or a proxy, or a bug) must
 * still not make a download write outside its destination or where the name does not say.
 */
final class LocalNames {
    /** Names Windows takes for devices, with any extension ("NUL.txt" is the null device too). */
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final boolean ON_WINDOWS = File.separatorChar == '\\';

    private LocalNames() {
    }

    /** Why {@code name} cannot be a local name here, or null when it can. */
    static String problem(String name) {
        return problem(name, ON_WINDOWS);
    }

    /** The same, with Windows' rules as well when {@code windows}. */
    static String problem(String name, boolean windows) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "would name a directory above or the same one";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "contains a path separator";
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "contains a control character";
        }
        if (windows) {
            if (name.chars().anyMatch(c -> ":*?\"<>|".indexOf(c) >= 0)) {
                return "contains a character Windows does not allow in names";
            }
            if (name.endsWith(".") || name.endsWith(" ")) {
                return "ends with a dot or space, which Windows drops";
            }
            int dot = name.indexOf('.');
            String stem = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
            if (WINDOWS_DEVICES.contains(stem)) {
                return "is a device name on Windows";
            }
        }
        return null;
    }

    /** The name for a message: quoted, with control characters as {@code \u0000}. */
    static String quoted(String name) {
        StringBuilder b = new StringBuilder("'");
        name.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.append('\'').toString();
    }
}
