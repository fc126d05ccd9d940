package org.seqvault.server;

/** Where a setting's effective value came from; shown in the start-up log and in error messages. */
public record ConfigSource(Kind kind, String where) {
    public enum Kind { FLAG, ENVIRONMENT, CONFIG_FILE, DEFAULT }

    static final ConfigSource DEFAULT = new ConfigSource(Kind.DEFAULT, "");

    static ConfigSource flag(String flag) {
        return new ConfigSource(Kind.FLAG, flag);
    }

    static ConfigSource environment(String name) {
        return new ConfigSource(Kind.ENVIRONMENT, name);
    }

    static ConfigSource configFile(String file, String key) {
        return new ConfigSource(Kind.CONFIG_FILE, file + ", key " + key);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLAG -> "flag " + where;
            case ENVIRONMENT -> "environment " + where;
            case CONFIG_FILE -> "config file " + where;
            case DEFAULT -> "default";
        };
    }
}
