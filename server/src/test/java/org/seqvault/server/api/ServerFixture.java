package org.seqvault.server.api;

import java.nio.file.Path;
import java.time.Duration;
import org.seqvault.server.SeqVaultServer;
import org.seqvault.server.ServerConfig;

/** A real server in this JVM on a loopback port, on SQLite and local files in a temp dir. */
final class ServerFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "svt_test-admin-token-0123456789abcdefghijklmnop";
    static final long FORM_LIMIT = 1L << 20;
    static final long SINGLE_PUT_LIMIT = 1L << 20;

    final SeqVaultServer server;
    final TestHttp http;

    ServerFixture(Path dataDir) {
        ServerConfig cfg = new ServerConfig("127.0.0.1", 0, null, dataDir,
                "jdbc:sqlite:" + dataDir.resolve("seqvault.db"), null, null, "file:" + dataDir.resolve("blobs"),
                null, null, false, "test-signing-key-0123456789abcdef", Duration.ofSeconds(3600), FORM_LIMIT,
                SINGLE_PUT_LIMIT, Duration.ofHours(24), 100_000, Duration.ofMinutes(5), ADMIN_TOKEN);
        server = SeqVaultServer.start(cfg);
        http = new TestHttp(server.publicUrl());
    }

    @Override
    public void close() {
        server.close();
    }
}
