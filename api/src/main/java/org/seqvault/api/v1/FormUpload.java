package org.seqvault.api.v1;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.seqvault.api.http.Params;
import org.seqvault.api.http.UnreadBodies;
import org.seqvault.domain.ByteSize;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.FolderPath;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.upload.Staged;
import org.seqvault.service.upload.UploadService;

/**
 * Reads a multipart/form-data upload as a stream: small text fields into memory, the file's
 * bytes straight to staging through the upload service. Nothing is spooled to a temp file.
 *
 * <p>The file is staged only once the caller may write to the workspace, so {@code workspace_id}
 * must come before the file field (as curl -F sends the fields in command-line order, and
 * requests sends its data fields before its files). A file that comes first is held in memory
 * while it is small ({@link #EARLY_FILE_BYTES}) and refused otherwise.
 */
final class FormUpload {
    static final Set<String> FIELDS = Set.of("workspace_id", "path", "description", "overwrite");
    static final String WORKSPACE = "workspace_id";
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    /** The most of a file sent before its workspace that is kept (in memory) until the workspace is known. */
    static final int EARLY_FILE_BYTES = 64 * 1024;
    /** Room for boundaries, part headers and the text fields around the file. */
    private static final long ENVELOPE_BYTES = 1L << 20;

    /** The parsed form: text fields and the staged file (or null when none was sent). */
    record Parsed(Map<String, String> fields, String fileName, String contentType, Staged staged) {
    }

    private FormUpload() {
    }

    static Parsed read(Context ctx, Principal caller, UploadService uploads) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new UserException(Problem.UNSUPPORTED_MEDIA_TYPE, "send the file as multipart/form-data");
        }
        long max = uploads.settings().maxFormUpload();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max + ENVELOPE_BYTES) {
            throw new UserException(Problem.PAYLOAD_TOO_LARGE, "form uploads are limited to "
                    + ByteSize.format(max) + "; use the presigned upload flow for larger files");
        }
        JakartaServletFileUpload<?, ?> parser = new JakartaServletFileUpload<>();
        parser.setMaxSize(max + ENVELOPE_BYTES);
        parser.setMaxPartHeaderSize(16 * 1024);
        Map<String, String> fields = new HashMap<>();
        Staged staged = null;
        byte[] early = null;
        String fileName = null;
        String contentType = null;
        try {
            FileItemInputIterator items = parser.getItemIterator(ctx.req());
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (!item.isFormField() && "file".equals(item.getFieldName())) {
                    if (staged != null || early != null) {
                        throw UserException.invalid("send exactly one 'file' field");
                    }
                    fileName = baseName(fileName(item));
                    contentType = item.getContentType();
                    try (InputStream in = item.getInputStream()) {
                        if (fields.containsKey(WORKSPACE)) {
                            staged = uploads.stage(caller, fields.get(WORKSPACE), in, -1,
                                    replaceable(fields, fileName));
                        } else {
                            early = early(in);
                        }
                    }
                } else if (FIELDS.contains(item.getFieldName())) {
                    fields.put(item.getFieldName(), text(item));
                } else {
                    drain(item);
                }
            }
            // The parser stops at the closing boundary; what follows it must be read too, or the
            // connection is closed under the answer (see UnreadBodies).
            UnreadBodies.drain(ctx);
            if (early != null) {
                if (!fields.containsKey(WORKSPACE)) {
                    throw UserException.invalid("form field 'workspace_id' is required");
                }
                staged = uploads.stage(caller, fields.get(WORKSPACE), new ByteArrayInputStream(early), early.length,
                        replaceable(fields, fileName));
            }
        } catch (FileUploadSizeException e) {
            discard(uploads, staged);
            throw new UserException(Problem.PAYLOAD_TOO_LARGE, "form uploads are limited to "
                    + ByteSize.format(max));
        } catch (FileUploadException e) {
            discard(uploads, staged);
            throw UserException.invalid("the multipart form is malformed: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            discard(uploads, staged);
            if (e instanceof IOException io && io.getCause() instanceof UserException u) {
                throw u;
            }
            // The file's bytes are parsed while they are staged, so a malformed form can surface there too.
            if (e instanceof java.io.UncheckedIOException u && u.getCause() instanceof FileUploadSizeException) {
                throw new UserException(Problem.PAYLOAD_TOO_LARGE, "form uploads are limited to "
                        + ByteSize.format(max));
            }
            if (e instanceof java.io.UncheckedIOException u && u.getCause() instanceof FileUploadException malformed) {
                throw UserException.invalid("the multipart form is malformed: " + malformed.getMessage());
            }
            throw e instanceof RuntimeException r ? r : new java.io.UncheckedIOException((IOException) e);
        }
        return new Parsed(fields, fileName, contentType, staged);
    }

    private static void discard(UploadService uploads, Staged staged) {
        if (staged != null) {
            uploads.discard(staged);
        }
    }

    /**
     * The key of the file this upload replaces, when the form asked to overwrite before the file
     * came: a project's quota then allows for that file's room while the bytes are staged. Null
     * when it did not (yet) ask, or when the name is bad (the publication refuses it then).
     */
    private static FileKey replaceable(Map<String, String> fields, String fileName) {
        try {
            if (!Params.bool(fields.get("overwrite"), "overwrite", false) || fileName == null) {
                return null;
            }
            return FileKey.of(FolderPath.parse(fields.get("path")), new NodeName(fileName));
        } catch (UserException e) {
            return null;
        }
    }

    /** A file sent before its workspace: kept while small, else refused before anything is stored. */
    private static byte[] early(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(EARLY_FILE_BYTES + 1);
        if (bytes.length > EARLY_FILE_BYTES) {
            throw UserException.invalid("send the 'workspace_id' field before the 'file' field: a file of more than "
                    + ByteSize.format(EARLY_FILE_BYTES) + " is stored as it arrives, and only once its workspace is known"
                    + " (curl -F sends fields in the order given)");
        }
        return bytes;
    }

    private static String text(FileItemInput item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (bytes.length > MAX_FIELD_BYTES) {
                throw UserException.invalid("form field '" + item.getFieldName() + "' is longer than 64 KiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void drain(FileItemInput item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** The file name the form gives; commons-fileupload refuses one with a NUL in it rather than return it. */
    private static String fileName(FileItemInput item) {
        try {
            return item.getName();
        } catch (InvalidPathException e) {
            throw new UserException(Problem.INVALID_KEY, "the 'file' field's filename is not a valid name: "
                    + "it contains a NUL character");
        }
    }

    /** Browsers may send a full client path; only its last segment is the name. */
    private static String baseName(String name) {
        if (name == null) {
            return null;
        }
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(cut + 1);
    }
}
