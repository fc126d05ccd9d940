package org.seqvault.api.blob;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.RouteTable.Guard;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore.BlobReader;
import org.seqvault.service.port.BlobStore.Presigned;
import org.seqvault.service.presign.BlobPaths;

/**
 * The server's presigned endpoints: PUT one upload part (local blob store), GET (or HEAD) one
 * file with Range (every blob store). The signed URL is the only credential; it names exactly one
 * object and method. A download names a file, which is looked up on every request (one primary-key
 * read), so a deleted file's URLs stop working at once: its bytes are then served from the local
 * store, or by the blob store itself after a redirect to a short-lived URL of its own.
 */
public final class BlobRoutes {
    private final ApiServices s;

    public BlobRoutes(ApiServices services) {
        this.s = services;
    }

    public void register(RouteTable routes) {
        routes.add(HandlerType.PUT, BlobPaths.PART_UPLOAD_PREFIX + "{upload}/{part}", Guard.SIGNED_URL, this::putPart)
                .add(HandlerType.GET, BlobPaths.DOWNLOAD_PREFIX + "{file}/{name}", Guard.SIGNED_URL, this::get)
                .add(HandlerType.HEAD, BlobPaths.DOWNLOAD_PREFIX + "{file}/{name}", Guard.SIGNED_URL, this::get);
    }

    private void verify(Context ctx, String method) {
        s.signer().verify(method, ctx.req().getRequestURI(), ctx.queryParam("exp"), ctx.queryParam("kid"),
                ctx.queryParam("sig"), s.clock().now());
    }

    private void putPart(Context ctx) {
        verify(ctx, "PUT");
        int part;
        try {
            part = Integer.parseInt(ctx.pathParam("part"));
        } catch (NumberFormatException e) {
            throw new UserException(Problem.BAD_PART_NUMBER, "part number must be an integer");
        }
        UploadPart stored;
        try {
            stored = s.uploads().receivePart(ctx.pathParam("upload"), part, ctx.req().getInputStream(),
                    ctx.req().getContentLengthLong());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ctx.header("ETag", "\"" + stored.etag() + "\"");
        ctx.status(200);
    }

    private void get(Context ctx) throws IOException {
        verify(ctx, "GET");
        String fileName = ctx.pathParam("name");
        String blobId = s.files().blobForDownload(ctx.pathParam("file"));
        Optional<Presigned> atStore = s.files().storeUrl(blobId, fileName);
        if (atStore.isPresent()) {
            // Never cached: a cached redirect would skip the check that the file still exists.
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(atStore.get().url(), HttpStatus.TEMPORARY_REDIRECT);
            return;
        }
        try (BlobReader reader = s.blobStore().open(blobId)) {
            long size = reader.size();
            Optional<ByteRange> range;
            try {
                range = ByteRange.parse(ctx.header("Range"), size);
            } catch (ByteRange.Unsatisfiable e) {
                ctx.header("Content-Range", "bytes */" + size);
                throw new UserException(Problem.RANGE_NOT_SATISFIABLE, "the requested range starts past the end ("
                        + size + " bytes)");
            }
            long start = range.map(ByteRange::start).orElse(0L);
            long length = range.map(ByteRange::length).orElse(size);
            var res = ctx.res();
            res.setHeader("Accept-Ranges", "bytes");
            res.setHeader("Content-Type", "application/octet-stream");
            res.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + BlobPaths.segment(fileName));
            if (range.isPresent()) {
                res.setStatus(206);
                res.setHeader("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
            } else {
                res.setStatus(200);
            }
            res.setContentLengthLong(length);
            if (ctx.method() == HandlerType.HEAD || length == 0) {
                return;
            }
            ServletOutputStream out = res.getOutputStream();
            reader.transferTo(start, length, new ResponseChannel(out));
            out.flush();
        }
    }
}
