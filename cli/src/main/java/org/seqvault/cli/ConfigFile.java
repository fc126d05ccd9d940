package org.seqvault.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.seqvault.client.internal.Json;

/**
 * Where {@code seqvault login} keeps the server URL and token: {@code $SEQVAULT_CONFIG_FILE}, else
 * {@code $XDG_CONFIG_HOME/seqvault/config.json}, else {@code ~/.config/seqvault/config.json}.
 * The token is a secret: the file is written with mode 600 (its directory 700) before the token
 * goes in.
 */
public final class ConfigFile {
    /** What login stores. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Login(String url, String token) {
    }

    private final Path path;

    private ConfigFile(Path path) {
        this.path = path;
    }

    public static ConfigFile locate(Map<String, String> env) {
        String explicit = env.get("SEQVAULT_CONFIG_FILE");
        if (explicit != null && !explicit.isBlank()) {
            return new ConfigFile(Path.of(explicit));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new ConfigFile(base.resolve("seqvault").resolve("config.json"));
    }

    public Path path() {
        return path;
    }

    /** The stored login, or null when there is none. */
    public Login read() {
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(path.toFile(), Login.class);
        } catch (IOException e) {
            throw new UsageException("cannot read " + path + ": " + e.getMessage() + " (run seqvault login again)");
        }
    }

    public void write(Login login) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path tmp = dir.resolve("." + path.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (posix) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
                Files.setPosixFilePermissions(tmp, ownerOnly); // in case the umask narrowed it further
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(login) + "\n");
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
