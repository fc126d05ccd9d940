package org.seqvault.reliability.crash;

/** An upload whose completing request was sent but never answered: it may or may not have been published. */
record AmbiguousUpload(String key, String sha256, long size, String path) {
}
