package org.seqvault.api.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the certificate and key files and, when their bytes change (a renewal, also one that
 * swaps a symlink), loads them into the running TLS context: new connections get the new
 * certificate, open ones keep theirs, nothing restarts. A pair that does not load (a renewal
 * caught half-written) is logged and retried at the next look, the old certificate staying.
 */
public final class CertificateReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
    /** How often the files are looked at: cheap (two small files), and renewals are not urgent to the second. */
    static final long INTERVAL_MILLIS = 2_000;

    private final TlsSettings tls;
    private final SslContextFactory.Server context;
    private final ScheduledExecutorService timer;
    private byte[] loaded;

    private CertificateReloader(TlsSettings tls, SslContextFactory.Server context) {
        this.tls = tls;
        this.context = context;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqvault-tls-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /** A server TLS context with the files' certificate, watched from now on. */
    public static CertificateReloader start(TlsSettings tls) {
        SslContextFactory.Server context = new SslContextFactory.Server();
        context.setKeyStore(PemKeyStore.load(tls.certificateFile(), tls.keyFile()));
        context.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
        // Self-hosted servers are reached under many names (localhost, an IP, an alias): serve the one
        // certificate whatever name the client asks for.
        context.setSniRequired(false);
        CertificateReloader reloader = new CertificateReloader(tls, context);
        reloader.loaded = reloader.fingerprint();
        reloader.timer.scheduleWithFixedDelay(reloader::reloadIfChanged, INTERVAL_MILLIS, INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        return reloader;
    }

    public SslContextFactory.Server context() {
        return context;
    }

    void reloadIfChanged() {
        try {
            byte[] now = fingerprint();
            if (Arrays.equals(now, loaded)) {
                return;
            }
            KeyStore store = PemKeyStore.load(tls.certificateFile(), tls.keyFile());
            context.reload(f -> f.setKeyStore(store));
            loaded = now;
            LOG.info("TLS certificate reloaded from {}", tls.certificateFile());
        } catch (Exception e) {
            LOG.warn("TLS certificate files changed but could not be loaded ({}); still serving the previous one",
                    e.getMessage());
        }
    }

    /** SHA-256 over both files' bytes. */
    private byte[] fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(tls.certificateFile()));
            sha.update(Files.readAllBytes(tls.keyFile()));
            return sha.digest();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS files: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
