package org.seqvault.api.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key store made from the PEM files a certificate authority or certbot hands out: the
 * certificate chain (server certificate first) and its unencrypted PKCS#8 private key
 * ({@code -----BEGIN PRIVATE KEY-----}, RSA or EC). The JDK reads PEM certificates itself; the key
 * is one base64 block.
 */
public final class PemKeyStore {
    /** The alias of the one entry, and the password Jetty is given for it (the store never leaves memory). */
    static final String ALIAS = "seqvault";
    static final char[] PASSWORD = "seqvault".toCharArray();
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");

    private PemKeyStore() {
    }

    /** Reads both files; an unreadable or unsuitable file is an {@link IllegalArgumentException} naming it and the fix. */
    public static KeyStore load(Path certificateFile, Path keyFile) {
        List<? extends Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls_key " + keyFile + " does not belong to the certificate in "
                    + certificateFile + ": " + e.getMessage(), e);
        }
    }

    private static List<? extends Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("tls_cert " + file + " holds no PEM certificate");
            }
            return chain;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read tls_cert " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls_cert " + file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read tls_key " + file + ": " + e.getMessage(), e);
        }
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            Matcher other = OTHER_KEY.matcher(pem);
            String found = other.find() ? "a '" + other.group(1) + "'" : "no PEM private key";
            throw new IllegalArgumentException("tls_key " + file + " holds " + found + "; give an unencrypted PKCS#8 key"
                    + " (BEGIN PRIVATE KEY), e.g. openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("tls_key " + file + " is not an RSA, EC or Ed25519 PKCS#8 private key");
    }
}
