package org.seqvault.reliability.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real, size-limited filesystem (tmpfs) mounted by the test, so a disk really fills up. Only
 * root may mount, and some sandboxes refuse even root; {@link #mount} then says why and the
 * caller falls back to injected faults.
 */
final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint}, or says why it could not. */
    static Optional<SmallFilesystem> mount(Path mountPoint, int megabytes, StringBuilder whyNot) throws Exception {
        Files.createDirectories(mountPoint);
        if (!"root".equals(System.getProperty("user.name"))) {
            whyNot.append("not root");
            return Optional.empty();
        }
        String error = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        if (error != null) {
            whyNot.append("mount refused: ").append(error);
            return Optional.empty();
        }
        return Optional.of(new SmallFilesystem(mountPoint));
    }

    Path root() {
        return mountPoint;
    }

    /** Bytes in use on the filesystem. */
    long used() throws IOException {
        var store = Files.getFileStore(mountPoint);
        return store.getTotalSpace() - store.getUnallocatedSpace();
    }

    @Override
    public void close() throws Exception {
        String error = run("umount", mountPoint.toString());
        if (error != null) {
            throw new IOException("umount " + mountPoint + " failed: " + error);
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
    }
}
