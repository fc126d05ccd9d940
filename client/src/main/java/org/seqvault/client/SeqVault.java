package org.seqvault.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Blobs;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.MultipartUpload;
import org.seqvault.client.internal.RangedDownload;
import org.seqvault.client.internal.Watchdog;

/**
 * A connection to a SeqVault server, and the way into every part of the SDK:
 *
 * <pre>{@code
 * try (SeqVault sv = SeqVault.connect("http://127.0.0.1:8080", token)) {
 *     Project p = sv.projects().create("Trio WGS");
 *     RemoteFile bam = sv.transfers().upload(Path.of("NA12878.bam"), RemotePath.parse(p.id() + "/bam"),
 *             UploadOptions.defaults().metadata("sample_id", "NA12878").tag("wgs"));
 *     Path saved = sv.transfers().download(bam, Path.of("out"), DownloadOptions.defaults());
 * }
 * }</pre>
 *
 * Thread-safe: share one instance. Nothing is sent until the first call. Every failure is a
 * {@link SeqVaultException}: an {@link ApiException} subclass when the server refused
 * ({@link NotFoundException}, {@link ConflictException}, …), a {@link TransportException} when it
 * could not be reached, an {@link IntegrityException} when bytes arrived damaged.
 */
public final class SeqVault implements AutoCloseable {
    private final HttpClient http;
    private final Watchdog watchdog;
    private final Api api;
    private final Projects projects;
    private final FileTree tree;
    private final Transfers transfers;
    private final WorkspaceFiles files;
    private final Tokens tokens;
    private final Admin admin;
    private final Trash trash;
    private final Htsget htsget;
    private final FileJobs jobs;

    private SeqVault(URI base, String token, ClientOptions options) {
        // HTTP/1.1: parallel parts then get connections of their own instead of sharing one HTTP/2 stream.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.watchdog = new Watchdog();
        this.api = new Api(http, base, token, options);
        Blobs blobs = new Blobs(http, options, watchdog);
        this.projects = new Projects(api);
        this.tree = new FileTree(api, projects);
        this.transfers = new Transfers(api, projects, tree, new MultipartUpload(api, blobs),
                new RangedDownload(api.retrier(), blobs));
        this.files = new WorkspaceFiles(api, projects, tree, transfers);
        this.tokens = new Tokens(api);
        this.admin = new Admin(api);
        this.trash = new Trash(api);
        this.htsget = new Htsget(api);
        this.jobs = new FileJobs(api);
    }

    /**
     * Connects with the default {@link ClientOptions}.
     *
     * @param url   the server's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param token an API token ({@code svt_…})
     * @return a client; nothing is sent until the first call
     */
    public static SeqVault connect(String url, String token) {
        return connect(url, token, ClientOptions.defaults());
    }

    /**
     * Connects with the given options.
     *
     * @param url     the server's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param token   an API token ({@code svt_…})
     * @param options timeouts and retries
     * @return a client; nothing is sent until the first call
     */
    public static SeqVault connect(String url, String token, ClientOptions options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri = URI.create(base);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) URL");
        }
        return new SeqVault(uri, token, options);
    }

    /** @return the server's base URL */
    public URI url() {
        return api.base();
    }

    /** @return the workspace files API, one method per call of the seed's client */
    public WorkspaceFiles files() {
        return files;
    }

    /** @return projects (workspaces) */
    public Projects projects() {
        return projects;
    }

    /** @return folders and files in projects: paths, queries, copy, move, metadata, tags */
    public FileTree tree() {
        return tree;
    }

    /** @return parallel, resumable, verified uploads and downloads */
    public Transfers transfers() {
        return transfers;
    }

    /** @return the caller's own tokens */
    public Tokens tokens() {
        return tokens;
    }

    /** @return projects' trash: what deletes put there, listed, restored and emptied */
    public Trash trash() {
        return trash;
    }

    /** @return asynchronous jobs that copy, move or delete many files and folders at once, with progress */
    public FileJobs jobs() {
        return jobs;
    }

    /** @return regions of BAM, CRAM, VCF and BCF files through GA4GH htsget (only the blocks holding them move) */
    public Htsget htsget() {
        return htsget;
    }

    /** @return users and tokens for anyone (needs the {@code admin} scope) */
    public Admin admin() {
        return admin;
    }

    /**
     * @return the user the token belongs to (checks that the URL and token work)
     * @throws UnauthorizedException when the token is not valid
     */
    public User me() {
        return api.as(Call.get("/v2/user"), User.class);
    }

    /** Stops the SDK's threads and closes idle connections. */
    @Override
    public void close() {
        watchdog.close();
        http.shutdownNow();
    }
}
