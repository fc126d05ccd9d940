package org.seqvault.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.seqvault.server.SeqVaultServer;
import org.seqvault.server.ServerConfig;
import org.seqvault.service.port.Clock;
import org.seqvault.store.sql.SqlMetadataStore;

/** A real server in this JVM on a loopback port, on a fresh backend in its own temporary data directory. */
final class ServerFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "svt_test-admin-token-0123456789abcdefghijklmnop";
    static final long FORM_LIMIT = 1L << 20;
    /** S3's smallest part (but the last), so that uploads are cut into the same parts on every backend. */
    static final long PART_SIZE = 5L << 20;
    static final long SINGLE_PUT_LIMIT = PART_SIZE;

    SeqVaultServer server;
    TestHttp http;
    private final ServerConfig config;
    private final Clock clock;
    private final Path dataDir;
    private final TestMetadataStore metadata;
    private final TestBlobStore blobs;

    ServerFixture(Backend backend) {
        this(backend, Clock.system(), UnaryOperator.identity());
    }

    /**
     * A server on {@code clock}, with the test's own changes to the usual configuration. Header
     * extraction is off unless a test turns it on: it would change the answers of files with genomics
     * names (their extraction status) at moments no golden file can pin down.
     */
    ServerFixture(Backend backend, Clock clock, UnaryOperator<ServerConfig> adjust) {
        this(backend, clock, adjust, true);
    }

    /** As the other constructor; with {@code readHeaders} false no header is ever read (see {@link SeqVaultServer#start(ServerConfig, Clock, boolean)}). */
    ServerFixture(Backend backend, Clock clock, UnaryOperator<ServerConfig> adjust, boolean readHeaders) {
        try {
            dataDir = Files.createTempDirectory("seqvault-api-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metadata = backend.metadata(dataDir);
        blobs = backend.blobs(dataDir);
        ServerConfig cfg = new ServerConfig("127.0.0.1", 0, null, dataDir,
                metadata.jdbcUrl(), metadata.user(), metadata.password(), blobs.uri(),
                blobs.s3Endpoint(), blobs.s3Region(), blobs.s3PathStyle(), "test-signing-key-0123456789abcdef",
                Duration.ofSeconds(3600), FORM_LIMIT, SINGLE_PUT_LIMIT, Duration.ofHours(24), 100_000,
                Duration.ofMinutes(5), ADMIN_TOKEN).withExtractMetadata(false);
        config = adjust.apply(cfg);
        this.clock = clock;
        server = SeqVaultServer.start(config, clock, readHeaders);
        http = new TestHttp(server.publicUrl());
    }

    /** Stops the server, keeping its database and blobs, and starts another process's worth on them. */
    void restart(boolean readHeaders) {
        server.close();
        server = SeqVaultServer.start(config, clock, readHeaders);
        http = new TestHttp(server.publicUrl());
    }

    /** A golden-file comparer for this server's answers. */
    Golden golden() {
        return new Golden(blobs.presignedUrls(server.publicUrl()));
    }

    /** The server's data directory (local blobs live under {@code blobs/} in it). */
    Path dataDir() {
        return dataDir;
    }

    /**
     * A second connection to the server's database, for set-up that the API cannot do quickly
     * (a thousand sessions of the past); the caller closes it.
     */
    SqlMetadataStore openMetadataStore() {
        return SqlMetadataStore.open(metadata.jdbcUrl(), metadata.user(), metadata.password());
    }

    /** See {@link TestBlobStore#servedBySeqVault()}. */
    boolean blobsServedBySeqVault() {
        return blobs.servedBySeqVault();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            blobs.close();
            deleteQuietly(dataDir);
        }
    }

    /** Removes the data directory; a file the OS still holds is not worth failing a test over. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Left for the OS's temp cleaner.
        }
    }
}
