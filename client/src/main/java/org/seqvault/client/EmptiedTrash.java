package org.seqvault.client;

/**
 * What emptying a project's trash took: nothing of it can be restored any more, and the server's
 * collector reclaims the bytes no other file shares at its next pass.
 *
 * @param items how many trash items
 * @param files how many files were in them
 * @param size  the bytes of those files
 */
public record EmptiedTrash(int items, long files, long size) {
}
