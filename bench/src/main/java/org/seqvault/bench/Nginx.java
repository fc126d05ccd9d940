package org.seqvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The download baseline: Debian's nginx serving a directory with sendfile on, on a loopback
 * port, as its own foreground master process with a config written here.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx serve(Path root, Path workDir) throws IOException {
        int port = Ports.free();
        Path prefix = Files.createDirectories(workDir.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = prefix.resolve("nginx.conf");
        // Workers run as root so they can read the bench's files wherever the tree lives.
        Files.writeString(conf, """
                user root;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    default_type application/octet-stream;
                    client_body_temp_path %1$s/tmp;
                    proxy_temp_path %1$s/tmp;
                    fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp;
                    scgi_temp_path %1$s/tmp;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(prefix, port, root.toAbsolutePath()));
        Files.createDirectories(prefix.resolve("tmp"));
        Process p = new ProcessBuilder(List.of("nginx", "-p", prefix.toString(), "-c", conf.toString(), "-g", "daemon off;"))
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        Ports.awaitListening(port, Duration.ofSeconds(20), p);
        return new Nginx(p, port);
    }

    long pid() {
        return process.pid();
    }

    String url(String fileName) {
        return "http://127.0.0.1:" + port + "/" + fileName;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
