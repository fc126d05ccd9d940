package org.seqvault.reliability.crash;

import java.io.IOException;
import java.net.ConnectException;
import org.seqvault.reliability.support.Http;

/**
 * Sends the requests of an operation and tells a dead server from a live one's answer. A
 * refused connection proves the request never arrived; any other failure to get an answer
 * leaves a decisive request's effect unknown.
 */
final class Calls {
    interface Request {
        Http.Answer send() throws IOException;
    }

    private Calls() {
    }

    /** A request that decides nothing on its own (opening an upload, sending a part). */
    static Http.Answer preparatory(Request request) throws ServerGone {
        try {
            return request.send();
        } catch (IOException e) {
            throw new ServerGone(false, e);
        }
    }

    /** The request that makes a change take effect (confirm, complete, rename, move, delete). */
    static Http.Answer decisive(Request request) throws ServerGone {
        try {
            return request.send();
        } catch (ConnectException e) {
            throw new ServerGone(false, e);
        } catch (IOException e) {
            throw new ServerGone(true, e);
        }
    }
}
