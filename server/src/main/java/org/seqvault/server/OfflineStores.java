package org.seqvault.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.store.sql.SqlMetadataStore;

/**
 * The metadata database and blob store of a configuration, opened for a command that inspects
 * or tidies them without serving. Such a command signs no URLs, so it never needs (or creates)
 * the signing key.
 */
final class OfflineStores implements AutoCloseable {
    private static final String SQLITE = "jdbc:sqlite:";

    private final MetadataStore metadata;
    private final BlobStore blobs;

    private OfflineStores(MetadataStore metadata, BlobStore blobs) {
        this.metadata = metadata;
        this.blobs = blobs;
    }

    /**
     * Opens both stores. A SQLite database that does not exist is refused rather than created:
     * a mistyped data directory would otherwise look like an empty, healthy store.
     */
    static OfflineStores open(ServerConfig cfg) throws IOException {
        if (cfg.dbUrl().startsWith(SQLITE)) {
            Path file = sqliteFile(cfg.dbUrl());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("there is no database at " + file
                        + "; point --data-dir or --db-url at the server's data");
            }
        }
        MetadataStore metadata = SqlMetadataStore.open(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword());
        try {
            return new OfflineStores(metadata, SeqVaultServer.openBlobStore(cfg, unusedSigner(), "http://127.0.0.1"));
        } catch (IOException | RuntimeException e) {
            metadata.close();
            throw e;
        }
    }

    MetadataStore metadata() {
        return metadata;
    }

    BlobStore blobs() {
        return blobs;
    }

    @Override
    public void close() {
        metadata.close();
    }

    /** A signer with a throwaway key: the stores want one, and nothing signed with it ever leaves. */
    private static UrlSigner unusedSigner() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new UrlSigner(SigningKeys.of(HexFormat.of().formatHex(key)));
    }

    private static Path sqliteFile(String jdbcUrl) {
        String rest = jdbcUrl.substring(SQLITE.length());
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        return Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file);
    }
}
