package org.seqvault.reliability.backend;

import org.seqvault.testkit.stores.S3TestServer;


/** One S3Proxy per test JVM, started on first use and stopped when the JVM exits (as TestPostgres does). */
final class SharedS3 {
    private static S3TestServer server;

    private SharedS3() {
    }

    static synchronized S3TestServer server() {
        if (server == null) {
            try {
                server = S3TestServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start S3Proxy", e);
            }
            S3TestServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3proxy-stop"));
        }
        return server;
    }
}
