package org.seqvault.reliability.presign;

/** A presigned URL changed in one way; {@code what} says how, for the failure message. */
record Mutant(String what, SignedUrl url) {
}
