package org.seqvault.api.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.http.Times;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.service.port.BlobStore.Presigned;

/** Seven Bridges shapes of multipart uploads: the upload, a part URL, received parts. */
final class SbUploadViews {
    private final Hrefs hrefs;

    SbUploadViews(Hrefs hrefs) {
        this.hrefs = hrefs;
    }

    /** The client reads only upload_id and part_size (and adopts our part size). */
    Map<String, Object> upload(UploadSession s, ProjectRef project) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", hrefs.of("/upload/multipart/" + s.id()));
        m.put("upload_id", s.id());
        m.put("project", project == null ? null : project.id());
        m.put("parent", s.parentId());
        m.put("name", s.name());
        m.put("size", s.size());
        m.put("part_size", s.partSize());
        m.put("parallel_uploads", true);
        m.put("status", s.state().name());
        m.put("initiated", Times.format(s.createdAt()));
        m.put("expires", Times.format(s.expiresAt()));
        return m;
    }

    /** Where to PUT one part: a self-authorising URL, and how to report it afterwards. */
    static Map<String, Object> partUrl(Presigned p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", p.method());
        m.put("url", p.url());
        m.put("expires", Times.format(p.expires()));
        m.put("headers", p.headers());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("headers", List.of("ETag"));
        report.put("success_codes", List.of(200));
        m.put("report", report);
        return m;
    }

    static Map<String, Object> part(UploadPart p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("part_number", p.partNumber());
        m.put("size", p.size());
        m.put("etag", p.etag());
        m.put("received_on", Times.format(p.receivedAt()));
        return m;
    }
}
