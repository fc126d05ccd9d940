package org.seqvault.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The upload baseline: S3Proxy (from Maven Central) with its filesystem backend, as its own JVM on
 * a loopback port, anonymous access, one bucket. Its filesystem store hashes MD5 and does not fsync.
 */
final class S3ProxyProcess implements AutoCloseable {
    static final String BUCKET = "bench";
    private final Process process;
    final int port;

    private S3ProxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3ProxyProcess start(Path dataDir, Path workDir) throws IOException {
        int port = Ports.free();
        Files.createDirectories(dataDir.resolve(BUCKET));
        Properties props = new Properties();
        props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        props.setProperty("s3proxy.authorization", "none");
        props.setProperty("jclouds.provider", "filesystem");
        props.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        Path conf = workDir.resolve("s3proxy.properties");
        try (Writer w = Files.newBufferedWriter(conf)) {
            props.store(w, "S3Proxy for the SeqVault upload benchmark");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java,
                // S3Proxy's Main routes System.err into the logger; slf4j-simple must not write back to it.
                "-Dorg.slf4j.simpleLogger.logFile=System.out", "-cp", System.getProperty("java.class.path"),
                "org.gaul.s3proxy.Main", "--properties", conf.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("s3proxy.log").toFile()).start();
        Ports.awaitListening(port, Duration.ofSeconds(60), p);
        return new S3ProxyProcess(p, port);
    }

    String objectUrl(String key) {
        return "http://127.0.0.1:" + port + "/" + BUCKET + "/" + key;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
