package org.seqvault.reliability.limits;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A client that starts an upload and then stops sending: the request headers announce a body,
 * and none (or one byte) of it ever comes. The server must close it after its idle timeout.
 */
final class StalledClient implements AutoCloseable {
    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    /** Sends the request line and headers of {@code method target} announcing {@code length} bytes, then {@code sent} of them. */
    static StalledClient open(URI server, String method, String target, String headers, long length, int sent)
            throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
        String head = method + " " + target + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort() + "\r\n"
                + headers + "Content-Length: " + length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(new byte[sent]);
        socket.getOutputStream().flush();
        return new StalledClient(socket);
    }

    /** True once the server has closed the connection (end of stream or reset), waiting up to {@code millis}. */
    boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // An error answer may come first; the connection must still end.
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
