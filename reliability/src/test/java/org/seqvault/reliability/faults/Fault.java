package org.seqvault.reliability.faults;

/**
 * An I/O failure to inject, with the message the operating system would give: the JDK reports
 * ENOSPC and EIO as plain IOExceptions whose text is all that tells them apart.
 */
enum Fault {
    NO_SPACE("No space left on device"),
    IO_ERROR("Input/output error");

    final String message;

    Fault(String message) {
        this.message = message;
    }

    java.io.IOException exception() {
        return new java.io.IOException(message);
    }
}
