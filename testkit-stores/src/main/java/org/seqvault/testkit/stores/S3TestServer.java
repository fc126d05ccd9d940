package org.seqvault.testkit.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3 (S3Proxy) on 127.0.0.1 at a free port, backed by a temporary directory, that
 * checks SigV4 signatures, with one bucket. It knows S3, not SeqVault: a test hands its
 * {@link #endpoint()}, {@link #BUCKET} and keys to the store or server under test, e.g.
 * <pre>
 * try (S3TestServer s3 = S3TestServer.start()) {
 *     env.put("SEQVAULT_BLOB_STORE", s3.blobStoreUri("some/prefix"));
 *     env.put("SEQVAULT_S3_ENDPOINT", s3.endpoint().toString());
 * }
 * </pre>
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "seqvault-test-access";
    public static final String SECRET_KEY = "seqvault-test-secret-key";
    public static final String BUCKET = "seqvault-test";
    public static final String REGION = "us-east-1";

    private static S3TestServer shared;

    private final S3Proxy proxy;
    private final Path directory;
    private final URI endpoint;
    private final S3Client client;

    private S3TestServer(S3Proxy proxy, Path directory, URI endpoint) {
        this.proxy = proxy;
        this.directory = directory;
        this.endpoint = endpoint;
        this.client = S3Client.builder()
                .credentialsProvider(credentials())
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                // As the server's client: checksums only where S3 requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Starts S3Proxy and creates {@link #BUCKET}. */
    public static S3TestServer start() throws Exception {
        return start(UnaryOperator.identity());
    }

    /**
     * Starts S3Proxy on the file-backed store as {@code wrap} returns it, and creates {@link #BUCKET}:
     * a test puts its own store around the real one (to inject faults) and keeps hold of it.
     */
    public static S3TestServer start(UnaryOperator<BlobStore> wrap) throws Exception {
        return start(wrap, CrossOriginResourceSharing.disabled());
    }

    /**
     * Starts S3Proxy answering browsers from origins matching {@code originPattern} (a regular
     * expression) with GET, PUT and HEAD, as a bucket CORS rule would: S3Proxy has no bucket CORS
     * (GetBucketCors and PutBucketCors answer 501), only this setting of its own.
     */
    public static S3TestServer startWithCors(String originPattern) throws Exception {
        return start(UnaryOperator.identity(), new CrossOriginResourceSharing(List.of(originPattern),
                List.of("GET", "PUT", "HEAD"), List.of("range", "content-type"),
                List.of("ETag", "Content-Range", "Content-Length"), "false"));
    }

    private static S3TestServer start(UnaryOperator<BlobStore> wrap, CrossOriginResourceSharing cors) throws Exception {
        Path directory = Files.createTempDirectory("seqvault-s3proxy");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        properties.setProperty(Constants.PROPERTY_IDENTITY, ACCESS_KEY);
        properties.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(wrap.apply(BlobStores.create("filesystem-nio2", properties)))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .corsRules(cors)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start within 10 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        S3TestServer server = new S3TestServer(proxy, directory, URI.create("http://127.0.0.1:" + proxy.getPort()));
        server.client.createBucket(b -> b.bucket(BUCKET));
        return server;
    }

    /**
     * One server for the whole test JVM, started on first use and stopped when the JVM exits, so
     * suites that each need an S3 share the start-up cost; give each user its own key prefix.
     */
    public static synchronized S3TestServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start S3Proxy", e);
            }
            S3TestServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3proxy-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** The blob store URI the server's configuration takes, e.g. {@code s3://seqvault-test/prefix}. */
    public String blobStoreUri(String prefix) {
        String p = trimSlashes(prefix);
        return "s3://" + BUCKET + (p.isEmpty() ? "" : "/" + p);
    }

    /** Deletes every object and aborts every multipart upload under {@code prefix}: a finished user's leftovers. */
    public void clear(String prefix) {
        String p = trimSlashes(prefix);
        String keys = p.isEmpty() ? "" : p + "/";
        client.listMultipartUploadsPaginator(r -> r.bucket(BUCKET).prefix(keys)).uploads()
                .forEach(u -> client.abortMultipartUpload(r -> r.bucket(BUCKET).key(u.key()).uploadId(u.uploadId())));
        client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(keys)).contents()
                .forEach(o -> client.deleteObject(r -> r.bucket(BUCKET).key(o.key())));
    }

    /** A client for looking at the bucket directly (what the store under test did). */
    public S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static String trimSlashes(String prefix) {
        return prefix.replaceAll("^/+|/+$", "");
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
