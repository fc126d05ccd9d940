package org.seqvault.api.tls;

import java.nio.file.Path;

/**
 * HTTPS on the public port: the PEM certificate chain and key (re-read when either file changes),
 * and what a plain-HTTP request to the same port gets.
 */
public record TlsSettings(Path certificateFile, Path keyFile, PlainHttp plainHttp) {
    /** A plain-HTTP request on the HTTPS port: redirected (308 to the https URL) or refused (connection closed). */
    public enum PlainHttp { REDIRECT, REFUSE }

    public TlsSettings {
        if (certificateFile == null || keyFile == null) {
            throw new IllegalArgumentException("HTTPS needs both tls_cert and tls_key");
        }
        if (plainHttp == null) {
            plainHttp = PlainHttp.REDIRECT;
        }
    }
}
