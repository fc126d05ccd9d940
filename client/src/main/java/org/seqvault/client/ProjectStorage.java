package org.seqvault.client;

/**
 * A project's quota and usage, as {@link Admin#quota} shows them.
 *
 * @param project the project, {@code owner/slug}
 * @param quota   its limits
 * @param usage   what it holds
 */
public record ProjectStorage(String project, Quota quota, Usage usage) {
}
