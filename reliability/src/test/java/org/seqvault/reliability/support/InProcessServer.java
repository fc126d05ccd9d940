package org.seqvault.reliability.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.server.ConfigLoader;
import org.seqvault.server.SeqVaultServer;
import org.seqvault.server.ServerConfig;

/**
 * The real server wiring ({@link SeqVaultServer}) in this JVM, configured exactly as
 * {@code serve} would be from the backend's settings plus the test's: for attacks that need the
 * server's own route table, or many cheap requests, rather than a separate process.
 */
public final class InProcessServer implements AutoCloseable {
    private final SeqVaultServer server;
    private final Http http;

    private InProcessServer(SeqVaultServer server) {
        this.server = server;
        this.http = new Http(server.publicUrl());
    }

    /** {@code settings} are SEQVAULT_* variables on top of the backend's (e.g. SEQVAULT_RATE_LIMIT). */
    public static InProcessServer start(Backend backend, Path dataDir, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(backend.freshStore(dataDir));
        env.put("SEQVAULT_PORT", "0");
        env.put("SEQVAULT_BOOTSTRAP_TOKEN", ServerProcess.ADMIN_TOKEN);
        env.putAll(settings);
        useAwsCredentials(env);
        ServerConfig config = ConfigLoader.load(Map.of(), env, null).config();
        return new InProcessServer(SeqVaultServer.start(config));
    }

    public Http http() {
        return http;
    }

    public String url() {
        return server.publicUrl();
    }

    /** Every route the server has, with its guard. */
    public List<RouteTable.Route> routes() {
        return server.http().routes();
    }

    /** Runs one collector pass now. */
    public void collect() throws Exception {
        server.collectNow();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The AWS SDK in this JVM reads credentials from system properties, not from the map a process would get. */
    private static void useAwsCredentials(Map<String, String> env) {
        if (env.containsKey("AWS_ACCESS_KEY_ID")) {
            System.setProperty("aws.accessKeyId", env.get("AWS_ACCESS_KEY_ID"));
            System.setProperty("aws.secretAccessKey", env.get("AWS_SECRET_ACCESS_KEY"));
        }
    }
}
