package org.seqvault.client.internal;

import java.net.ConnectException;
import java.net.URI;

/** A connection that could not be made, named by where it was going: the JDK's own message is empty. */
final class Unreachable {
    private Unreachable() {
    }

    /** "cannot connect to http://127.0.0.1:8080", the JDK's exception as its cause. */
    static ConnectException to(URI uri, ConnectException cause) {
        ConnectException e = new ConnectException("cannot connect to " + uri.getScheme() + "://" + uri.getRawAuthority());
        e.initCause(cause);
        return e;
    }
}
