package org.seqvault.server;

/**
 * A configuration value that cannot be used. The message is one line that names the setting
 * and where its value came from, and never contains a secret value.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
