package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS served directly by the real server process from PEM files the test makes with the JDK's
 * keytool: HTTP/2 where the client offers it, HTTP/1.1 otherwise, https presigned URLs, plain HTTP
 * redirected (or refused), and a renewed certificate served to new connections without a restart.
 */
class TlsE2ETest {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void servesHttpsWithHttp2RedirectsPlainHttpAndReloadsARenewedCertificate() throws Exception {
        KeyStore first = selfSigned("first.seqvault.test");
        KeyStore renewed = selfSigned("renewed.seqvault.test");
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        writePem(first, cert, key);
        SSLContext trusting = trusting(first, renewed);

        try (ServerProcess server = ServerProcess.start(Files.createDirectories(tmp.resolve("data")), "256m", Map.of(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            assertThat(server.url).startsWith("https://");
            HttpResponse<String> h2 = get(client(trusting, HttpClient.Version.HTTP_2), server.url + "/healthz", null);
            assertThat(h2.statusCode()).isEqualTo(200);
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(peerName(h2)).contains("CN=first.seqvault.test");
            HttpResponse<String> h1 = get(client(trusting, HttpClient.Version.HTTP_1_1), server.url + "/healthz", null);
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(h1.statusCode()).isEqualTo(200);

            // hrefs and presigned URLs follow the public scheme
            HttpResponse<String> user = get(client(trusting, HttpClient.Version.HTTP_2), server.url + "/v2/user",
                    ServerProcess.ADMIN_TOKEN);
            assertThat(user.body()).contains("\"href\":\"https://");

            // plain HTTP on the same port: a 308 to the https URL, and the token is not read first
            String plain = server.url.replace("https://", "http://");
            HttpResponse<String> redirected = get(HttpClient.newHttpClient(), plain + "/v2/user?fields=all", "svt_nonsense");
            assertThat(redirected.statusCode()).isEqualTo(308);
            assertThat(redirected.headers().firstValue("Location")).contains(server.url + "/v2/user?fields=all");

            // a renewal: the files change (as certbot swaps them), new connections get the new certificate
            Path staging = Files.createDirectories(tmp.resolve("staging"));
            writePem(renewed, staging.resolve("cert.pem"), staging.resolve("key.pem"));
            Files.move(staging.resolve("key.pem"), key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging.resolve("cert.pem"), cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String served;
            do {
                Thread.sleep(100);
                served = peerName(get(client(trusting, HttpClient.Version.HTTP_2), server.url + "/healthz", null));
            } while (!served.contains("renewed") && System.nanoTime() < deadline);
            assertThat(served).contains("CN=renewed.seqvault.test");
        }
    }

    @Test
    void refusesPlainHttpWhenToldTo() throws Exception {
        KeyStore only = selfSigned("only.seqvault.test");
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        writePem(only, cert, key);
        try (ServerProcess server = ServerProcess.start(Files.createDirectories(tmp.resolve("data")), "256m", Map.of(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--tls-plain-http", "refuse")) {
            assertThat(get(client(trusting(only), HttpClient.Version.HTTP_2), server.url + "/healthz", null).statusCode())
                    .isEqualTo(200);
            String plain = server.url.replace("https://", "http://");
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), plain + "/healthz", null)).isInstanceOf(IOException.class);
        }
    }

    /** A key pair and self-signed certificate for {@code name}, valid for 127.0.0.1 and localhost, from keytool. */
    private KeyStore selfSigned(String name) throws Exception {
        Path store = tmp.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        return keyStore;
    }

    /** The certificate and its PKCS#8 key as the PEM files a CA or certbot hands out. */
    private static void writePem(KeyStore store, Path cert, Path key) throws Exception {
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                + pem.encodeToString(store.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + pem.encodeToString(store.getKey("server", STORE_PASSWORD).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    private static SSLContext trusting(KeyStore... stores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < stores.length; i++) {
            trust.setCertificateEntry("ca" + i, stores[i].getCertificate("server"));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** A new client each time: a new connection, so a new TLS handshake. */
    private static HttpClient client(SSLContext context, HttpClient.Version version) {
        return HttpClient.newBuilder().sslContext(context).version(version).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        try (client) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String peerName(HttpResponse<?> response) throws Exception {
        List<Certificate> chain = List.of(response.sslSession().orElseThrow().getPeerCertificates());
        return ((X509Certificate) chain.get(0)).getSubjectX500Principal().getName();
    }
}
