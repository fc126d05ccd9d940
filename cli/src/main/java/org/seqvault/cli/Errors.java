package org.seqvault.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.seqvault.client.SeqVaultException;
import org.seqvault.client.UnauthorizedException;

/** One line for people about what went wrong, whatever threw it. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof UnauthorizedException u) {
            return u.getMessage() + "; check the token or run 'seqvault login'";
        }
        if (e instanceof SeqVaultException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": already exists";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof DirectoryNotEmptyException d) {
            return d.getFile() + ": directory not empty";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

}
