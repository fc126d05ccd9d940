package org.seqvault.client;

/**
 * The most a project may hold, set by an administrator.
 *
 * @param bytes the byte limit, or null for none
 * @param files the file limit (folders are not counted), or null for none
 */
public record Quota(Long bytes, Long files) {
}
